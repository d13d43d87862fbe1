namespace Mailflow.Api.Views;

/// <summary>One dependency's check: whether it answered, how long it took, and why it failed.</summary>
public sealed record DependencyView(string Name, bool Ok, double LatencyMs, string? Error);
