using Mailflow.Core.Configuration;
using Mailflow.Core.Routing;

namespace Mailflow.Core.Policy;

/// <summary>One app's effective rules: limits, verdict table and sender lists, merged once from configuration.</summary>
public sealed record AppPolicy(
    string App,
    EffectiveLimits Limits,
    EffectiveVerdictPolicy Verdicts,
    IReadOnlyList<AddressPattern> AllowedSenders,
    IReadOnlyList<AddressPattern> BlockedSenders)
{
    public static AppPolicy From(AppConfig app, EffectiveLimits globalLimits, EffectiveVerdictPolicy globalVerdicts) => new(
        app.Name.ToLowerInvariant(),
        globalLimits.With(app.Limits),
        globalVerdicts.With(app.Verdicts),
        app.Senders.Allow.Select(p => new AddressPattern(p)).ToList(),
        app.Senders.Block.Select(p => new AddressPattern(p)).ToList());

    /// <summary>The policy applied to quarantined unroutable mail: the global rules, with no sender lists.</summary>
    public static AppPolicy Global(EffectiveLimits limits, EffectiveVerdictPolicy verdicts) => new("", limits, verdicts, [], []);
}
