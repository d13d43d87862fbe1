namespace Mailflow.Core.Pipeline;

/// <summary>One message of a batch as an SQS event record or a local receive delivers it.</summary>
public sealed record QueueRecord(string MessageId, string Body, int ReceiveCount);
