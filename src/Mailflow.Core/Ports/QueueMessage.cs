namespace Mailflow.Core.Ports;

/// <summary>A message body with string message attributes.</summary>
public sealed record QueueMessage(string Body, IReadOnlyDictionary<string, string> Attributes);
