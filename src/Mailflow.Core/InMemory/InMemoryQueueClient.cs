using System.Collections.Concurrent;
using Mailflow.Core.Ports;

namespace Mailflow.Core.InMemory;

/// <summary>Queues in memory: every message sent, per queue, in order.</summary>
public sealed class InMemoryQueueClient : IQueueClient
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<QueueMessage>> _queues = new(StringComparer.Ordinal);

    public IReadOnlyList<QueueMessage> Messages(string queue) =>
        _queues.TryGetValue(queue, out var messages) ? [.. messages] : [];

    public Task SendAsync(string queueName, QueueMessage message, CancellationToken cancellationToken)
    {
        _queues.GetOrAdd(queueName, _ => new ConcurrentQueue<QueueMessage>()).Enqueue(message);
        return Task.CompletedTask;
    }
}
