namespace Mailflow.Core.Operations;

/// <summary>Counter totals over a window (names in <see cref="LedgerMetrics"/>) and the processing latency percentiles.</summary>
public sealed record MetricsSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    long Received,
    IReadOnlyDictionary<string, long> RoutedPerApp,
    long Quarantined,
    long Rejected,
    long Failed,
    long DeadLettered,
    long Sent,
    long Duplicates,
    LatencyPercentiles Latency);
