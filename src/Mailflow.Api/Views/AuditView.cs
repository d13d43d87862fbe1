namespace Mailflow.Api.Views;

/// <summary><c>GET /api/audit</c>: operator and admin actions, newest first.</summary>
public sealed record AuditView(IReadOnlyList<AuditItem> Items, string? NextCursor);
