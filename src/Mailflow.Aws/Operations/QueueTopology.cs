using Mailflow.Core.Configuration;

namespace Mailflow.Aws.Operations;

/// <summary>
/// The queues the configuration says exist (<see cref="QueueNames.All"/>, what the CDK stack creates in AppQueues): inbound,
/// outbound, quarantine, one per app, each with its <c>-dlq</c>. Queue operations know only these, so an operator can never
/// purge or browse a queue that is not Mailflow's.
/// </summary>
internal sealed class QueueTopology
{
    private readonly Dictionary<string, KnownQueue> _queues = new(StringComparer.Ordinal);
    private readonly List<KnownQueue> _ordered = [];

    public QueueTopology(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new QueueNames(config.Environment);
        Add(names.Inbound, KnownQueue.Inbound, null);
        Add(names.Outbound, KnownQueue.Outbound, null);
        // Not one of the four kinds QueueOverview names: quarantine is neither an app's queue nor a DLQ, and calling it
        // either would mislead the dashboard.
        Add(names.Quarantine, KnownQueue.Quarantine, null);
        foreach (var app in config.Apps)
        {
            Add(names.ForApp(app.Name), KnownQueue.AppQueue, app.Name);
        }
    }

    /// <summary>Primary queues first (inbound, outbound, quarantine, apps in config order), each followed by its DLQ.</summary>
    public IReadOnlyList<KnownQueue> All => _ordered;

    public KnownQueue? Find(string name) => _queues.GetValueOrDefault(name);

    private void Add(string name, string kind, string? app)
    {
        var deadLetter = QueueNames.DeadLetterOf(name);
        foreach (var queue in (KnownQueue[])[new(name, kind, app, deadLetter), new(deadLetter, KnownQueue.DeadLetter, app, null)])
        {
            _queues[queue.Name] = queue;
            _ordered.Add(queue);
        }
    }
}
