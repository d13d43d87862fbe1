namespace Mailflow.Core.Operations;

/// <summary>Processing latency in milliseconds, estimated from <see cref="LatencyHistogram"/> buckets; null without samples.</summary>
public sealed record LatencyPercentiles(long Samples, double? P50Ms, double? P95Ms, double? P99Ms);
