namespace Mailflow.Api.Views;

/// <summary><c>GET /api/health/deep</c>: every dependency checked, each with its latency; <c>failing</c> when any failed.</summary>
public sealed record DeepHealthView(string Status, IReadOnlyList<DependencyView> Checks);
