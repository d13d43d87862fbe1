namespace Mailflow.Core.Ports;

/// <summary>One claim of an (app, key) pair by a queue message, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record IdempotencyRequest(string App, string Key, string Owner, DateTimeOffset Now, DateTimeOffset ExpiresAt);
