using Mailflow.Core.Configuration;
using Mailflow.Core.Pipeline;

namespace Mailflow.Api.Views;

/// <summary>
/// One app as the pipeline sees it: the addresses it receives (<c>_{app}@</c> every domain as <c>MailRouter</c> matches
/// them, then its extra addresses and patterns), its sender lists, its merged policy and its queues.
/// </summary>
public sealed record EffectiveAppView(
    string Name,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<string> ExtraAddresses,
    SenderPolicyConfig Senders,
    EffectivePolicyView Policy,
    string Queue,
    string DeadLetterQueue)
{
    public static EffectiveAppView From(AppConfig app, IReadOnlyList<string> domains, InboundRules rules)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(rules);
        var name = app.Name.ToLowerInvariant();
        var queue = rules.Queues.ForApp(name);
        return new EffectiveAppView(
            name,
            [.. domains.Select(domain => $"_{name}@{domain}")],
            app.Addresses,
            app.Senders,
            EffectivePolicyView.From(rules.Apps[name]),
            queue,
            QueueNames.DeadLetterOf(queue));
    }
}
