namespace Mailflow.Core.Operations;

/// <summary>
/// One queue's approximate depths (SQS's approximate counts on AWS), its oldest message's age in seconds when known,
/// and its dead-letter queue with that queue's depth (null for a DLQ itself).
/// </summary>
/// <param name="Kind"><c>inbound</c>, <c>outbound</c>, <c>quarantine</c>, <c>app</c> or <c>dead-letter</c> (<see cref="MailflowQueue"/>).</param>
/// <param name="App">The app the queue belongs to, for app queues and their DLQs.</param>
public sealed record QueueOverview(
    string Name,
    string Kind,
    string? App,
    long Visible,
    long InFlight,
    long Delayed,
    double? OldestAgeSeconds,
    string? DeadLetterQueue,
    long? DeadLetterDepth);
