namespace Mailflow.Core.Operations;

/// <summary>A redrive task: SQS message move task statuses (RUNNING, COMPLETED, CANCELLED, FAILED) and counts.</summary>
public sealed record RedriveProgress(
    string TaskId,
    string DeadLetterQueue,
    string Status,
    long Moved,
    long? ToMove,
    int MaxMessagesPerSecond,
    DateTimeOffset StartedAt,
    string? Failure);
