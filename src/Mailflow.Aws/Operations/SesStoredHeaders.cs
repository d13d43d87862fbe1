using System.Text.RegularExpressions;
using Mailflow.Core.Policy;
using MimeKit;

namespace Mailflow.Aws.Operations;

/// <summary>
/// What SES wrote into a stored mail's header when it received it: the verdicts and the envelope it prepends above the
/// sender's own header, ending with <c>X-SES-RECEIPT</c> (the example notifications of
/// https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-examples.html show the block:
/// <c>Return-Path</c>, <c>Received</c>, <c>X-SES-Spam-Verdict</c>, <c>X-SES-Virus-Verdict</c>, <c>Received-SPF</c>,
/// <c>Authentication-Results: amazonses.com; spf=…; dkim=…; dmarc=…</c>, <c>X-SES-RECEIPT</c>). The notification's
/// verdicts are not kept anywhere else, so a replay reads them back from here.
/// </summary>
/// <remarks>
/// Only that block is read when <c>X-SES-RECEIPT</c> is present, and otherwise only each field's first occurrence, which is
/// SES's when SES wrote one (it prepends): a sender cannot vouch for its own mail with a forged
/// <c>X-SES-Spam-Verdict: PASS</c> further down. A verdict SES did not write reads <c>DISABLED</c>, the status SES
/// gives a check it did not run (spam and virus scanning off,
/// https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html).
/// </remarks>
internal sealed partial record SesStoredHeaders(ReceiptVerdicts Verdicts, string? MailFrom, string? Recipient)
{
    public const string NotChecked = "DISABLED";
    private const string AuthServId = "amazonses.com";

    public static SesStoredHeaders From(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var receipt = headers.IndexOf("X-SES-RECEIPT");
        var trusted = receipt >= 0 ? headers.Take(receipt).ToList() : headers.ToList();
        string? First(string field) => trusted.FirstOrDefault(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase))?.Value?.Trim();

        var results = trusted
            .Where(h => h.Id == HeaderId.AuthenticationResults)
            .Select(h => MethodResults(h.Value))
            .FirstOrDefault(r => r is not null);
        string? Method(string name)
        {
            var matching = results?.Where(r => r.Method.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(r => r.Result).ToList() ?? [];
            // Several DKIM signatures: one that verifies is a pass, as SES's dkimVerdict reports.
            return matching.Count == 0 ? null : matching.FirstOrDefault(r => r.Equals("pass", StringComparison.OrdinalIgnoreCase)) ?? matching[0];
        }

        var spf = Method("spf") ?? First("Received-SPF")?.Split(' ', 2)[0];
        var verdicts = new ReceiptVerdicts(
            Spf: FromAuthResult(spf),
            Dkim: FromAuthResult(Method("dkim")),
            Dmarc: FromAuthResult(Method("dmarc")),
            Spam: Status(First("X-SES-Spam-Verdict")),
            Virus: Status(First("X-SES-Virus-Verdict")));
        return new SesStoredHeaders(verdicts, MailFromOf(First("Return-Path")), RecipientOf(First("Received")));
    }

    /// <summary>
    /// The method results of an <c>Authentication-Results</c> value whose authserv-id is SES's, or null for anyone else's.
    /// Parsed here rather than with MimeKit's AuthenticationResults: SES writes the SPF properties as their own
    /// <c>;</c>-separated items (<c>spf=pass (…) client-ip=…; envelope-from=…; helo=…;</c>), which RFC 8601's grammar
    /// (§2.2) does not allow and MimeKit's strict parser therefore refuses.
    /// </summary>
    private static List<(string Method, string Result)>? MethodResults(string? value)
    {
        var items = Comment().Replace(value ?? "", " ").Split(';', StringSplitOptions.TrimEntries);
        if (items.Length == 0 || !items[0].Equals(AuthServId, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return items.Skip(1)
            .Select(item => MethodResult().Match(item))
            .Where(match => match.Success)
            .Select(match => (match.Groups[1].Value, match.Groups[2].Value))
            .ToList();
    }

    /// <summary>SES's own verdict headers carry its status as it is: PASS, FAIL, GRAY, PROCESSING_FAILED.</summary>
    private static string Status(string? value) => string.IsNullOrWhiteSpace(value) ? NotChecked : value.Trim().ToUpperInvariant();

    /// <summary>
    /// An RFC 8601 result (RFC 7208 §2.6 for SPF, RFC 6376 §3.9 for DKIM, RFC 7489 §11.2 for DMARC) as SES's verdict:
    /// none means no record or signature, SES's GRAY; softfail and policy are failures the sender's domain declared;
    /// temperror and permerror are SES's PROCESSING_FAILED. Anything else is kept, upper-cased, so the verdict policy
    /// quarantines what it does not know rather than guessing.
    /// </summary>
    private static string FromAuthResult(string? result) => result?.Trim().ToLowerInvariant() switch
    {
        null or "" => NotChecked,
        "pass" => "PASS",
        "fail" or "softfail" or "policy" => "FAIL",
        "none" or "neutral" => "GRAY",
        "temperror" or "permerror" => "PROCESSING_FAILED",
        var other => other.ToUpperInvariant(),
    };

    private static string? MailFromOf(string? returnPath) =>
        returnPath is null ? null : returnPath.Trim().TrimStart('<').TrimEnd('>').Trim();

    /// <summary>SES's Received field names the envelope recipient (<c>… for user@example.com; date</c>) when there is one.</summary>
    private static string? RecipientOf(string? received) =>
        received is not null && ForClause().Match(received) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>An RFC 5322 comment (not nested: SES writes none).</summary>
    [GeneratedRegex(@"\([^()]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(spf|dkim|dmarc)\s*=\s*([A-Za-z]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MethodResult();

    [GeneratedRegex(@"\sfor\s+<?([^\s;<>]+@[^\s;<>]+)>?\s*;", RegexOptions.CultureInvariant)]
    private static partial Regex ForClause();
}
