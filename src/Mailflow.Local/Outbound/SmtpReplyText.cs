using System.Text.RegularExpressions;
using Mailflow.Core.Redaction;

namespace Mailflow.Local.Outbound;

/// <summary>Reads the free text of SMTP replies: enhanced status codes, queue ids, and addresses to redact.</summary>
internal static partial class SmtpReplyText
{
    /// <summary>
    /// The RFC 3463 enhanced status code at the start of a reply's text (<c>5.1.1 User unknown</c> → <c>5.1.1</c>),
    /// if its class digit matches the reply code's (RFC 3463 §2: "the class sub-code ... must match the first digit of
    /// the SMTP reply code"); otherwise null.
    /// </summary>
    public static string? EnhancedStatusCode(int statusCode, string? text)
    {
        var match = EnhancedCodePattern().Match(text ?? "");
        return match.Success && match.Groups[1].Value[0] - '0' == statusCode / 100 ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// The relay's queue id in its reply to the end of DATA: Postfix says <c>2.0.0 Ok: queued as 4ZxY1k</c>, Exim
    /// <c>OK id=1uAbCd-000123-Ab</c>. Other servers name it in their own words, so the whole reply text stands in.
    /// </summary>
    public static string QueueId(string? reply)
    {
        var text = OneLine(reply);
        var match = QueueIdPattern().Match(text);
        if (match.Success)
        {
            return match.Groups["id"].Value;
        }
        return text.Length > 0 ? text : "250";
    }

    /// <summary>
    /// A reply fit for logs and exception messages: on one line, every address masked (<see cref="Redact.Address"/>).
    /// Servers quote the refused address (<c>550 5.1.1 &lt;bob@example.com&gt;: Recipient address rejected</c>).
    /// </summary>
    public static string Redacted(string? text) =>
        AddressPattern().Replace(OneLine(text), match => Redact.Address(match.Value));

    private static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^\s*([245]\.\d{1,3}\.\d{1,3})(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedCodePattern();

    [GeneratedRegex(@"(?:queued as|\bid=)\s*(?<id>[^\s;,()<>]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QueueIdPattern();

    [GeneratedRegex(@"[^\s<>()\[\]""',;:@]+@[^\s<>()\[\]""',;:@]+", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}
