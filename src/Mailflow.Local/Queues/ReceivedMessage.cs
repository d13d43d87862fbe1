namespace Mailflow.Local.Queues;

/// <summary>A received message with the system attributes SQS reports.</summary>
public sealed record ReceivedMessage(
    string MessageId,
    string ReceiptHandle,
    string Body,
    string Md5OfBody,
    string? Md5OfMessageAttributes,
    IReadOnlyDictionary<string, MessageAttribute> Attributes,
    int ReceiveCount,
    DateTimeOffset SentAt,
    DateTimeOffset FirstReceivedAt,
    string? DeadLetterSourceQueue);
