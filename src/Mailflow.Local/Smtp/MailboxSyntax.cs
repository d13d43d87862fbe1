using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mailflow.Local.Smtp;

/// <summary>
/// The Mailbox production of RFC 5321 §4.1.2 (Dot-string or Quoted-string, "@", domain or address literal)
/// with RFC 6531 §3.3's UTF-8 extension, and the size limits of §4.5.3.1. Whether non-ASCII is allowed in
/// this transaction (SMTPUTF8) is the caller's question.
/// </summary>
internal static class MailboxSyntax
{
    private const int MaxLocalPartOctets = 64;   // RFC 5321 §4.5.3.1.1
    private const int MaxDomainOctets = 255;     // RFC 5321 §4.5.3.1.2
    private const int MaxPathOctets = 256;       // RFC 5321 §4.5.3.1.3, angle brackets included
    private const int MaxLabelOctets = 63;       // RFC 1035 §2.3.4

    public static bool IsValid(string mailbox)
    {
        if (Encoding.UTF8.GetByteCount(mailbox) + 2 > MaxPathOctets)
        {
            return false;
        }
        var at = mailbox.StartsWith('"') ? QuotedEnd(mailbox) : mailbox.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at >= mailbox.Length - 1 || mailbox[at] != '@')
        {
            return false;
        }
        var local = mailbox[..at];
        var domain = mailbox[(at + 1)..];
        return Encoding.UTF8.GetByteCount(local) <= MaxLocalPartOctets
            && (IsDotString(local) || IsQuotedString(local))
            && (domain.StartsWith('[') ? IsAddressLiteral(domain) : IsDomain(domain));
    }

    /// <summary>"Postmaster" without a domain, which RCPT TO must accept (RFC 5321 §4.1.1.3).</summary>
    public static bool IsBarePostmaster(string mailbox) => mailbox.Equals("Postmaster", StringComparison.OrdinalIgnoreCase);

    public static bool IsAscii(string mailbox) => Ascii.IsValid(mailbox);

    private static int QuotedEnd(string mailbox)
    {
        for (var i = 1; i < mailbox.Length; i++)
        {
            if (mailbox[i] == '\\')
            {
                i++;
            }
            else if (mailbox[i] == '"')
            {
                return i + 1;
            }
        }
        return -1;
    }

    private static bool IsDotString(string local) => local.Split('.').All(atom => atom.Length > 0 && atom.All(IsAtext));

    // atext (RFC 5322 §3.2.3) plus UTF8-non-ascii (RFC 6531 §3.3).
    private static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal) || c > '\u007f';

    private static bool IsQuotedString(string local)
    {
        if (local.Length < 2 || local[0] != '"' || local[^1] != '"')
        {
            return false;
        }
        for (var i = 1; i < local.Length - 1; i++)
        {
            var c = local[i];
            if (c == '\\')
            {
                // quoted-pairSMTP = %d92 %d32-126
                if (++i >= local.Length - 1 || local[i] is < ' ' or > '~')
                {
                    return false;
                }
            }
            else if (c is not ((>= ' ' and <= '!') or (>= '#' and <= '[') or (>= ']' and <= '~') or > '\u007f'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsDomain(string domain) =>
        Encoding.UTF8.GetByteCount(domain) <= MaxDomainOctets && domain.Split('.').All(IsLabel);

    // sub-domain = Let-dig [Ldh-str], or a U-label (RFC 6531 §3.3).
    private static bool IsLabel(string label) =>
        label.Length > 0
        && Encoding.UTF8.GetByteCount(label) <= MaxLabelOctets
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c > '\u007f');

    // address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
    private static bool IsAddressLiteral(string domain)
    {
        if (domain.Length < 3 || domain[^1] != ']')
        {
            return false;
        }
        var inner = domain[1..^1];
        if (inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.TryParse(inner[5..], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }
        if (IPAddress.TryParse(inner, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork)
        {
            return inner.Count(c => c == '.') == 3;
        }
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && IsLabel(inner[..colon])
            && colon < inner.Length - 1
            && inner[(colon + 1)..].All(c => c is (>= '!' and <= 'Z') or (>= '^' and <= '~'));
    }
}
