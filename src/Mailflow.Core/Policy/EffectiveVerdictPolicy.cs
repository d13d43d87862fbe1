using Mailflow.Core.Configuration;

namespace Mailflow.Core.Policy;

/// <summary>The verdict table after merging defaults, the global policy and an app's overrides.</summary>
public sealed class EffectiveVerdictPolicy
{
    public static readonly IReadOnlyList<string> VerdictNames = ["spf", "dkim", "dmarc", "spam", "virus"];
    public static readonly IReadOnlyList<string> Statuses = ["PASS", "FAIL", "GRAY", "PROCESSING_FAILED", "DISABLED"];

    // SPF and DKIM failures alone are common for forwarded mail; DMARC is the verdict that
    // combines them with alignment (RFC 7489 §3), so it, not they, quarantines by default.
    // A GRAY virus verdict means "could not decide", not "virus" (LESSONS.md: GRAY treated as virus).
    private static readonly Dictionary<string, Dictionary<string, PolicyAction>> s_defaults = new()
    {
        ["spf"] = Table(fail: PolicyAction.Accept, processingFailed: PolicyAction.Accept),
        ["dkim"] = Table(fail: PolicyAction.Accept, processingFailed: PolicyAction.Accept),
        ["dmarc"] = Table(fail: PolicyAction.Quarantine, processingFailed: PolicyAction.Accept),
        ["spam"] = Table(fail: PolicyAction.Quarantine, processingFailed: PolicyAction.Accept),
        ["virus"] = Table(fail: PolicyAction.Reject, processingFailed: PolicyAction.Quarantine),
    };

    private readonly Dictionary<string, Dictionary<string, PolicyAction>> _table;

    private EffectiveVerdictPolicy(Dictionary<string, Dictionary<string, PolicyAction>> table) => _table = table;

    public static EffectiveVerdictPolicy Defaults { get; } = new(s_defaults);

    /// <summary>Returns a policy with the configured entries laid over this one.</summary>
    public EffectiveVerdictPolicy With(VerdictPolicyConfig? overrides)
    {
        if (overrides is null)
        {
            return this;
        }
        var table = _table.ToDictionary(kv => kv.Key, kv => new Dictionary<string, PolicyAction>(kv.Value));
        Overlay(table["spf"], overrides.Spf);
        Overlay(table["dkim"], overrides.Dkim);
        Overlay(table["dmarc"], overrides.Dmarc);
        Overlay(table["spam"], overrides.Spam);
        Overlay(table["virus"], overrides.Virus);
        return new EffectiveVerdictPolicy(table);
    }

    /// <summary>The action for a verdict's status. A status SES might add later is quarantined: nothing unknown is accepted or lost.</summary>
    public PolicyAction ActionFor(string verdict, string status) =>
        _table[verdict].TryGetValue(status, out var action) ? action : PolicyAction.Quarantine;

    /// <summary>Reads <c>accept</c>, <c>quarantine</c> or <c>reject</c>, spelt exactly as the schema has them.</summary>
    public static bool TryParseAction(string value, out PolicyAction action)
    {
        (var known, action) = value switch
        {
            "accept" => (true, PolicyAction.Accept),
            "quarantine" => (true, PolicyAction.Quarantine),
            "reject" => (true, PolicyAction.Reject),
            _ => (false, PolicyAction.Accept),
        };
        return known;
    }

    private static void Overlay(Dictionary<string, PolicyAction> target, IReadOnlyDictionary<string, string>? entries)
    {
        foreach (var (status, value) in entries ?? new Dictionary<string, string>())
        {
            if (TryParseAction(value, out var action))
            {
                target[status] = action;
            }
        }
    }

    private static Dictionary<string, PolicyAction> Table(PolicyAction fail, PolicyAction processingFailed) => new()
    {
        ["PASS"] = PolicyAction.Accept,
        ["GRAY"] = PolicyAction.Accept,
        ["DISABLED"] = PolicyAction.Accept,
        ["FAIL"] = fail,
        ["PROCESSING_FAILED"] = processingFailed,
    };
}
