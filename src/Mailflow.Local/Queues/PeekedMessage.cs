namespace Mailflow.Local.Queues;

/// <summary>A message as browsing sees it: nothing about it changed by looking.</summary>
public sealed record PeekedMessage(
    string MessageId,
    string Body,
    IReadOnlyDictionary<string, MessageAttribute> Attributes,
    int ReceiveCount,
    DateTimeOffset SentAt,
    bool InFlight);
