namespace Mailflow.ApiFunction;

/// <summary>The answer of <c>GET /api/health</c>.</summary>
public sealed record HealthView(string Status, string Environment, string Version);
