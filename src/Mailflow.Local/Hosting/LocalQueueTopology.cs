using Mailflow.Core.Configuration;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Hosting;

/// <summary>
/// Every queue of the configuration with its dead-letter twin: messages received <c>queues.maxReceiveCount</c>
/// times without being deleted move to the DLQ; DLQs keep messages for SQS's maximum, 14 days, so that an
/// incident can be looked at after a weekend.
/// </summary>
public static class LocalQueueTopology
{
    private static readonly TimeSpan s_deadLetterRetention = TimeSpan.FromDays(14);

    public static IReadOnlyList<QueueSettings> For(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var retention = TimeSpan.FromSeconds(config.Retention.QueueMessageSeconds);
        var settings = new List<QueueSettings>();
        foreach (var name in QueueNames.All(config).Where(n => !n.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal)))
        {
            var deadLetter = QueueNames.DeadLetterOf(name);
            settings.Add(new QueueSettings(deadLetter) { MessageRetention = s_deadLetterRetention });
            settings.Add(new QueueSettings(name) { MessageRetention = retention, DeadLetterQueue = deadLetter, MaxReceiveCount = config.Queues.MaxReceiveCount });
        }
        return settings;
    }
}
