namespace Mailflow.Core.Operations;

/// <summary>A message as browsing shows it: body, attributes (string values), receive count, when it was sent.</summary>
public sealed record BrowsedMessage(string MessageId, string Body, IReadOnlyDictionary<string, string?> Attributes, int ReceiveCount, DateTimeOffset SentAt);
