namespace Mailflow.Local.Queues;

/// <summary>
/// A message as browsing sees it: nothing about it changed by looking. <see cref="DeadLetterSourceQueue"/> names the queue a
/// dead letter came from (SQS's DeadLetterQueueSourceArn), so a dead-letter view can say where to replay it.
/// </summary>
public sealed record PeekedMessage(
    string MessageId,
    string Body,
    IReadOnlyDictionary<string, MessageAttribute> Attributes,
    int ReceiveCount,
    DateTimeOffset SentAt,
    bool InFlight,
    string? DeadLetterSourceQueue = null);
