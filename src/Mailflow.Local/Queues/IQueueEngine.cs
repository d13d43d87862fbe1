namespace Mailflow.Local.Queues;

/// <summary>
/// Durable queues with SQS semantics (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/):
/// delay, visibility timeout, receive count, redrive to a dead-letter queue after maxReceiveCount,
/// retention, long polling, purge, message attributes, approximate counts. Errors are
/// <see cref="QueueEngineException"/> with SQS's error names, so the SQS endpoint can pass them on.
/// </summary>
public interface IQueueEngine
{
    /// <summary>Creates the queue, or updates its settings when it exists. Idempotent.</summary>
    Task EnsureQueueAsync(QueueSettings settings, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueSettings>> ListQueuesAsync(CancellationToken cancellationToken);

    /// <summary>The queue's settings, or null when there is no such queue.</summary>
    Task<QueueSettings?> GetQueueAsync(string queue, CancellationToken cancellationToken);

    Task<SendResult> SendAsync(string queue, SendRequest request, CancellationToken cancellationToken);

    /// <summary>Sends up to 10 messages in one durable commit.</summary>
    Task<IReadOnlyList<SendResult>> SendBatchAsync(string queue, IReadOnlyList<SendRequest> requests, CancellationToken cancellationToken);

    /// <summary>
    /// Receives up to <see cref="ReceiveRequest.MaxMessages"/> (1-10) visible messages, hiding them for the visibility
    /// timeout and incrementing their receive count; waits up to <see cref="ReceiveRequest.WaitTime"/> (≤ 20 s) for one
    /// to arrive. A message whose receive count has reached the queue's maxReceiveCount is moved to the dead-letter
    /// queue instead of being returned.
    /// </summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, ReceiveRequest request, CancellationToken cancellationToken);

    Task DeleteAsync(string queue, string receiptHandle, CancellationToken cancellationToken);

    Task ChangeVisibilityAsync(string queue, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Deletes every message in the queue; returns how many.</summary>
    Task<long> PurgeAsync(string queue, CancellationToken cancellationToken);

    Task<QueueStats> GetStatsAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="max"/> messages, oldest first, without changing visibility or receive counts.</summary>
    Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queue, int max, CancellationToken cancellationToken);

    /// <summary>The queues whose redrive policy names <paramref name="deadLetterQueue"/>.</summary>
    Task<IReadOnlyList<string>> ListDeadLetterSourceQueuesAsync(string deadLetterQueue, CancellationToken cancellationToken);

    /// <summary>
    /// Starts moving every message of a dead-letter queue back to <paramref name="destination"/>, or, when null, to the
    /// queue each message was dead-lettered from (SQS StartMessageMoveTask). Returns a task handle.
    /// </summary>
    Task<string> StartMoveTaskAsync(string sourceDeadLetterQueue, string? destination, int? maxMessagesPerSecond, CancellationToken cancellationToken);

    /// <summary>Move tasks of a dead-letter queue, newest first (SQS ListMessageMoveTasks).</summary>
    Task<IReadOnlyList<MoveTaskStatus>> ListMoveTasksAsync(string sourceDeadLetterQueue, CancellationToken cancellationToken);
}
