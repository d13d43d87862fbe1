namespace Mailflow.Local.Queues;

/// <summary>A receive: 1-10 messages; visibility timeout and wait time default to the queue's settings.</summary>
public sealed record ReceiveRequest(int MaxMessages = 1, TimeSpan? VisibilityTimeout = null, TimeSpan? WaitTime = null);
