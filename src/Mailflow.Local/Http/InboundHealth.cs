namespace Mailflow.Local.Http;

/// <summary>The inbound state (<c>enabled</c>, <c>paused</c>, <c>disabled</c>) and when it changed.</summary>
public sealed record InboundHealth(string State, DateTimeOffset? ChangedAt);
