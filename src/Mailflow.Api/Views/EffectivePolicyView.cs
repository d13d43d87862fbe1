using Mailflow.Core.Policy;

namespace Mailflow.Api.Views;

/// <summary>
/// A merged policy: per verdict (spf, dkim, dmarc, spam, virus) the action (<c>accept</c>, <c>quarantine</c>,
/// <c>reject</c>) for each SES status, and the limits.
/// </summary>
public sealed record EffectivePolicyView(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Verdicts,
    EffectiveLimitsView Limits)
{
    public static EffectivePolicyView From(AppPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var verdicts = EffectiveVerdictPolicy.VerdictNames.ToDictionary(
            verdict => verdict,
            IReadOnlyDictionary<string, string> (verdict) => EffectiveVerdictPolicy.Statuses.ToDictionary(
                status => status,
                status => Lower(policy.Verdicts.ActionFor(verdict, status).ToString())));
        var limits = policy.Limits;
        return new EffectivePolicyView(verdicts, new EffectiveLimitsView(
            limits.MaxMessageBytes,
            limits.MaxAttachments,
            limits.MaxAttachmentBytes,
            [.. limits.BlockedExtensions.Order(StringComparer.Ordinal)],
            Lower(limits.OnAttachmentViolation.ToString()),
            limits.MaxEnvelopeBytes));
    }

    // The enum names lower-cased are the words mailflow.json uses (accept, quarantine, reject, strip).
    private static string Lower(string name) => name.ToLowerInvariant();
}
