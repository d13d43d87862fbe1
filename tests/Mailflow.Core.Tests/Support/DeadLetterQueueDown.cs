using Mailflow.Core.Configuration;
using Mailflow.Core.Ports;

namespace Mailflow.Core.Tests.Support;

/// <summary>Queues in front of others where every dead-letter queue refuses messages (an outage), the other queues work.</summary>
public sealed class DeadLetterQueueDown(IQueueClient inner) : IQueueClient
{
    public Task SendAsync(string queueName, QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        return queueName.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal)
            ? throw new IOException($"{queueName} is unavailable.")
            : inner.SendAsync(queueName, message, cancellationToken);
    }
}
