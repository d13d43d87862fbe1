using Mailflow.Core.Configuration;

namespace Mailflow.Core.Operations;

/// <summary>
/// The queues the configuration says exist (<see cref="QueueNames.All"/>: what <c>mailflow run</c> creates and the CDK
/// stack deploys): inbound, outbound, quarantine, one per app, each followed by its <c>-dlq</c>. Queue operations know
/// only these, so an operator can never browse, redrive or purge a queue that is not Mailflow's.
/// </summary>
public sealed class QueueTopology
{
    private readonly Dictionary<string, MailflowQueue> _queues = new(StringComparer.Ordinal);
    private readonly List<MailflowQueue> _ordered = [];

    public QueueTopology(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new QueueNames(config.Environment);
        Add(names.Inbound, MailflowQueue.Inbound, null);
        Add(names.Outbound, MailflowQueue.Outbound, null);
        Add(names.Quarantine, MailflowQueue.Quarantine, null);
        foreach (var app in config.Apps)
        {
            Add(names.ForApp(app.Name), MailflowQueue.AppQueue, app.Name);
        }
    }

    /// <summary>Primary queues first (inbound, outbound, quarantine, apps in config order), each followed by its DLQ.</summary>
    public IReadOnlyList<MailflowQueue> All => _ordered;

    public MailflowQueue? Find(string name) => _queues.GetValueOrDefault(name);

    /// <summary>The queue a dead-letter queue's messages came from (every Mailflow DLQ serves exactly one).</summary>
    public static string SourceOf(string deadLetterQueue)
    {
        ArgumentNullException.ThrowIfNull(deadLetterQueue);
        return deadLetterQueue.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal)
            ? deadLetterQueue[..^QueueNames.DlqSuffix.Length]
            : throw new ArgumentException($"{deadLetterQueue} is not a dead-letter queue name.", nameof(deadLetterQueue));
    }

    private void Add(string name, string kind, string? app)
    {
        var deadLetter = QueueNames.DeadLetterOf(name);
        foreach (var queue in (MailflowQueue[])[new(name, kind, app, deadLetter), new(deadLetter, MailflowQueue.DeadLetter, app, null)])
        {
            _queues[queue.Name] = queue;
            _ordered.Add(queue);
        }
    }
}
