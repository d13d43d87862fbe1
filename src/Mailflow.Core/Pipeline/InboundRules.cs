using Mailflow.Core.Configuration;
using Mailflow.Core.Policy;
using Mailflow.Core.Routing;

namespace Mailflow.Core.Pipeline;

/// <summary>The inbound view of a validated configuration, computed once: router, per-app policies, queues.</summary>
public sealed class InboundRules
{
    public InboundRules(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var limits = EffectiveLimits.Defaults.With(config.Limits);
        var verdicts = EffectiveVerdictPolicy.Defaults.With(config.Verdicts);
        Global = AppPolicy.Global(limits, verdicts);
        Apps = config.Apps.ToDictionary(a => a.Name.ToLowerInvariant(), a => AppPolicy.From(a, limits, verdicts), StringComparer.Ordinal);
        Router = new MailRouter(RoutingTable.From(config));
        Queues = new QueueNames(config.Environment);
        CatchAllApp = config.Unroutable.Action == UnroutableConfig.CatchAll ? config.Unroutable.App?.ToLowerInvariant() : null;
        Links = config.Links;
    }

    public AppPolicy Global { get; }
    public IReadOnlyDictionary<string, AppPolicy> Apps { get; }
    public MailRouter Router { get; }
    public QueueNames Queues { get; }

    /// <summary>The app that takes unroutable recipients; null when they are quarantined.</summary>
    public string? CatchAllApp { get; }

    public LinksConfig Links { get; }
}
