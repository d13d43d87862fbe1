namespace Mailflow.Core.Pipeline;

/// <summary>One message of a batch as an SQS event record or a local receive delivers it.</summary>
/// <param name="SentAt">When the message was put on its queue (SQS <c>SentTimestamp</c>), when the host knows it: the start of an outbound mail's latency.</param>
public sealed record QueueRecord(string MessageId, string Body, int ReceiveCount, DateTimeOffset? SentAt = null);
