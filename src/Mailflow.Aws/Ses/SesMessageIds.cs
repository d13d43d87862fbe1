using Mailflow.Core.Threading;

namespace Mailflow.Aws.Ses;

/// <summary>
/// The Message-ID recipients see on mail SES sent. SES replaces any Message-ID the mail carries with its own ("If you
/// provide a Message-ID header, Amazon SES overrides the header with its own value",
/// https://docs.aws.amazon.com/ses/latest/dg/header-fields.html), built from the id <c>SendEmail</c> returns:
/// <c>&lt;{MessageId}@{region}.amazonses.com&gt;</c>, except in us-east-1, where the domain is <c>email.amazonses.com</c>.
/// AWS documents the override but not the form; the form is what SES-sent mail shows, e.g.
/// <c>&lt;0100017d41d36138-…-000000@email.amazonses.com&gt;</c> next to <c>Feedback-ID: 1.us-east-1.…</c> and
/// <c>&lt;01020160db067ae4-…-000000@eu-west-1.amazonses.com&gt;</c> on eu-west-1 mail (both in public list archives).
/// Replies quote that id in In-Reply-To/References, so it must be recorded (LESSONS.md, "SES rewrites Message-ID").
/// </summary>
public static class SesMessageIds
{
    /// <summary>The region whose SES Message-IDs use <c>email.amazonses.com</c> rather than <c>{region}.amazonses.com</c>.</summary>
    public const string LegacyRegion = "us-east-1";

    /// <summary>The normalised (<see cref="MessageIds.Normalize"/>) Message-ID SES writes for <paramref name="sesMessageId"/> in <paramref name="region"/>.</summary>
    public static string Rewritten(string sesMessageId, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sesMessageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var domain = string.Equals(region, LegacyRegion, StringComparison.OrdinalIgnoreCase)
            ? "email.amazonses.com"
            : $"{region}.amazonses.com";
        return MessageIds.Normalize($"{sesMessageId.Trim()}@{domain}")!;
    }
}
