using Mailflow.Core.Policy;
using MimeKit;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Decides whether an automatic reply may go to the sender of a received mail. Answering automated or list mail
/// makes loops and mail storms, and answering mail with a forged From sends backscatter to someone who never wrote:
/// forwarding spam once raised an SES account's bounce rate to 11% (LESSONS.md, "Outbound").
/// </summary>
public static class AutoReplyGuard
{
    // RFC 2919 (List-Id) and RFC 2369 (the other List-* fields): the mail came through a mailing list. List-Unsubscribe
    // is also what bulk senders set (RFC 8058), which is just as much a reason not to answer.
    private static readonly string[] s_listHeaders =
        ["List-Id", "List-Unsubscribe", "List-Post", "List-Help", "List-Subscribe", "List-Owner", "List-Archive"];

    private static readonly string[] s_listPrecedences = ["bulk", "list", "junk"];

    // [MS-OXCMAIL] §2.1.3.2.20: the sender asks that no out-of-office notice (OOF) or other automatic reply (AutoReply)
    // be sent; All suppresses every kind. The other values (DR, NDR, RN, NRN) concern reports, not replies.
    private static readonly string[] s_suppressedResponses = ["All", "AutoReply", "OOF"];

    private static readonly char[] s_listSeparators = [',', ';', ' ', '\t'];

    /// <summary>
    /// The reason code why no automatic reply may be sent for a mail with these <paramref name="headers"/>, or null when
    /// one may. Checked in this order: automated mail (<see cref="ReasonCodes.AutoReplyToAutomated"/>), list or bulk mail
    /// (<see cref="ReasonCodes.AutoReplyToList"/>), then a DMARC failure (<see cref="ReasonCodes.AutoReplyToDmarcFailure"/>).
    /// </summary>
    /// <param name="dmarcVerdict">The SES DMARC verdict status of the received mail (PASS, FAIL, GRAY, …).</param>
    public static string? ReasonFor(HeaderList headers, string dmarcVerdict)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(dmarcVerdict);

        foreach (var header in headers)
        {
            if (IsAutoSubmitted(header) || SuppressesAutoReplies(header))
            {
                return ReasonCodes.AutoReplyToAutomated;
            }
        }
        foreach (var header in headers)
        {
            if (s_listHeaders.Contains(header.Field, StringComparer.OrdinalIgnoreCase) || IsListPrecedence(header))
            {
                return ReasonCodes.AutoReplyToList;
            }
        }
        // A DMARC failure means neither SPF nor DKIM vouches for the From domain (RFC 7489 §3): the visible sender may be
        // forged, and a reply would be backscatter to someone who never wrote.
        if (string.Equals(dmarcVerdict.Trim(), "FAIL", StringComparison.OrdinalIgnoreCase))
        {
            return ReasonCodes.AutoReplyToDmarcFailure;
        }
        return null;
    }

    // RFC 3834 §2: no automatic response to a mail whose Auto-Submitted field has any value other than "no"; §5 defines
    // the keywords (case-insensitive, optionally followed by parameters or a comment). An empty value is not "no".
    private static bool IsAutoSubmitted(Header header)
    {
        if (!Is(header, "Auto-Submitted"))
        {
            return false;
        }
        var value = header.Value ?? "";
        var end = value.AsSpan().IndexOfAny(';', '(');
        var keyword = (end < 0 ? value : value[..end]).Trim();
        return !keyword.Equals("no", StringComparison.OrdinalIgnoreCase);
    }

    private static bool SuppressesAutoReplies(Header header) =>
        Is(header, "X-Auto-Response-Suppress") &&
        (header.Value ?? "").Split(s_listSeparators, StringSplitOptions.RemoveEmptyEntries)
            .Any(token => s_suppressedResponses.Contains(token, StringComparer.OrdinalIgnoreCase));

    // RFC 3834 §2 names Precedence bulk, list and junk (RFC 2076) as signs that a response is not appropriate.
    private static bool IsListPrecedence(Header header) =>
        Is(header, "Precedence") && s_listPrecedences.Contains((header.Value ?? "").Trim(), StringComparer.OrdinalIgnoreCase);

    private static bool Is(Header header, string field) => string.Equals(header.Field, field, StringComparison.OrdinalIgnoreCase);
}
