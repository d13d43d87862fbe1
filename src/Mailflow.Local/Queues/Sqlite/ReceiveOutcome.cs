namespace Mailflow.Local.Queues.Sqlite;

/// <summary>What one receive attempt did: the messages handed out, how many went to the DLQ, and when the next hidden one shows.</summary>
internal sealed record ReceiveOutcome(IReadOnlyList<ReceivedMessage> Messages, int DeadLettered, long? NextVisibleAt);
