namespace Mailflow.Api.Views;

/// <summary>Who did what, when: <paramref name="Action"/> like <c>inbound.pause</c>, <c>queue.purge</c>, <c>message.replay</c>.</summary>
public sealed record AuditItem(string Id, DateTimeOffset At, string? Actor, string Action, string? Target, string? Detail);
