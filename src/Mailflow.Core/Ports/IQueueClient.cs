namespace Mailflow.Core.Ports;

/// <summary>Puts messages on Mailflow's queues (SQS on AWS, the SQLite queue engine locally).</summary>
public interface IQueueClient
{
    Task SendAsync(string queueName, QueueMessage message, CancellationToken cancellationToken);
}
