namespace Mailflow.Local.Queues;

/// <summary>A message to send; <see cref="Delay"/> overrides the queue's delay (0-900 s).</summary>
public sealed record SendRequest(string Body, IReadOnlyDictionary<string, MessageAttribute>? Attributes = null, TimeSpan? Delay = null);
