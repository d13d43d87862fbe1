namespace Mailflow.Core.Operations;

/// <summary>
/// What browsing a queue found. <paramref name="Source"/> says where the messages were read: <c>queue</c> (the queue
/// itself, nothing changed) or <c>ledger</c> (on AWS, the envelopes recently routed to an app queue, since SQS cannot
/// be read without receiving); <paramref name="Note"/> explains any difference from a plain look at the queue.
/// </summary>
public sealed record QueueBrowse(string Queue, string Source, IReadOnlyList<BrowsedMessage> Messages, string? Note);
