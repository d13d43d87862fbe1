namespace Mailflow.Core.Operations;

/// <summary>
/// What operators do with Mailflow's queues: depths, browsing that changes nothing, redrive from a dead-letter queue
/// to its source, purge. Only Mailflow's own queues (inbound, outbound, each app's) and their DLQs are known here.
/// </summary>
public interface IQueueAdministration
{
    /// <summary>Every Mailflow queue (DLQs included), each with its DLQ's depth.</summary>
    Task<IReadOnlyList<QueueOverview>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> messages, oldest first, without changing their visibility or receive count; null for an unknown queue.</summary>
    Task<QueueBrowse?> BrowseAsync(string queue, int max, CancellationToken cancellationToken);

    /// <summary>Starts moving the dead-letter queue's messages back to the queues they came from.</summary>
    /// <exception cref="QueueOperationException">Unknown queue, not a dead-letter queue, or a redrive already running.</exception>
    Task<RedriveProgress> StartRedriveAsync(string deadLetterQueue, int maxMessagesPerSecond, CancellationToken cancellationToken);

    /// <summary>The progress of a redrive this dead-letter queue ran, or null when there is no such task.</summary>
    Task<RedriveProgress?> GetRedriveAsync(string deadLetterQueue, string taskId, CancellationToken cancellationToken);

    /// <summary>Deletes every message of the queue; returns how many when the platform says (SQS does not).</summary>
    /// <exception cref="QueueOperationException">Unknown queue, or purged less than a minute ago (SQS's rule).</exception>
    Task<long?> PurgeAsync(string queue, CancellationToken cancellationToken);
}
