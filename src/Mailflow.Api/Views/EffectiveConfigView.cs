using Mailflow.Core.Configuration;
using Mailflow.Core.Pipeline;

namespace Mailflow.Api.Views;

/// <summary>
/// <c>GET /api/config/effective</c>: the rules the inbound pipeline applies, from the same <see cref="InboundRules"/> it
/// builds (Mailflow's defaults, then the global settings, then each app's overrides), with the addresses each app
/// receives and its queues. <c>GET /api/config</c> shows the file as written, where an unset entry stays unset.
/// </summary>
public sealed record EffectiveConfigView(
    string Environment,
    IReadOnlyList<string> Domains,
    EffectiveUnroutableView Unroutable,
    EffectivePolicyView Global,
    IReadOnlyList<EffectiveAppView> Apps)
{
    public static EffectiveConfigView From(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rules = new InboundRules(config);
        var catchAll = rules.CatchAllApp;
        return new EffectiveConfigView(
            config.Environment,
            config.Domains,
            new EffectiveUnroutableView(config.Unroutable.Action, catchAll, catchAll is null ? rules.Queues.Quarantine : rules.Queues.ForApp(catchAll)),
            EffectivePolicyView.From(rules.Global),
            [.. config.Apps.Select(app => EffectiveAppView.From(app, config.Domains, rules))]);
    }
}
