using Mailflow.Core.Ports;

namespace Mailflow.Local.Queues;

/// <summary>Core's <see cref="IQueueClient"/> on the local queue engine: string attributes become SQS String attributes.</summary>
public sealed class SqliteQueueClient(IQueueEngine engine) : IQueueClient
{
    public Task SendAsync(string queueName, QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attributes = message.Attributes.Count == 0
            ? null
            : message.Attributes.ToDictionary(pair => pair.Key, pair => MessageAttribute.OfString(pair.Value), StringComparer.Ordinal);
        return engine.SendAsync(queueName, new SendRequest(message.Body, attributes), cancellationToken);
    }
}
