namespace Mailflow.Local.Http;

/// <summary>A queue message as browsing shows it: body, attributes, receive count; looking changes nothing.</summary>
public sealed record PeekedMessageView(string MessageId, string Body, IReadOnlyDictionary<string, string?> Attributes, int ReceiveCount, DateTimeOffset SentAt, bool InFlight);
