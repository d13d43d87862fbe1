namespace Mailflow.Core.Configuration;

/// <summary>
/// Per verdict (spf, dkim, dmarc, spam, virus), the action for each SES status
/// (PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED): accept, quarantine or reject.
/// Unset entries inherit from the global policy, then from the defaults in <c>EffectiveVerdictPolicy</c>.
/// </summary>
public sealed record VerdictPolicyConfig
{
    public IReadOnlyDictionary<string, string>? Spf { get; set; }
    public IReadOnlyDictionary<string, string>? Dkim { get; set; }
    public IReadOnlyDictionary<string, string>? Dmarc { get; set; }
    public IReadOnlyDictionary<string, string>? Spam { get; set; }
    public IReadOnlyDictionary<string, string>? Virus { get; set; }
}
