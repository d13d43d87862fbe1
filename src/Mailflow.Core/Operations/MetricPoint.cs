namespace Mailflow.Core.Operations;

/// <summary>One bucket of a series: its start and the metric's value in it (a count, or milliseconds for latency).</summary>
public sealed record MetricPoint(DateTimeOffset At, double? Value);
