namespace Mailflow.Local.Queues;

/// <summary>
/// A dead-letter move task (SQS ListMessageMoveTasks): RUNNING, COMPLETED, CANCELLED or FAILED. <see cref="MessagesToMove"/>
/// is the number of visible messages in the dead-letter queue when the task started.
/// </summary>
public sealed record MoveTaskStatus(
    string TaskHandle,
    string Status,
    string SourceQueue,
    string? DestinationQueue,
    long MessagesMoved,
    long MessagesToMove,
    DateTimeOffset StartedAt,
    string? FailureReason,
    int? MaxMessagesPerSecond = null);
