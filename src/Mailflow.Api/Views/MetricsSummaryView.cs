using Mailflow.Core.Operations;

namespace Mailflow.Api.Views;

/// <summary><c>GET /api/metrics/summary</c>: ledger counter totals over the window (names as in <see cref="LedgerMetrics"/>).</summary>
public sealed record MetricsSummaryView(
    string Window,
    DateTimeOffset From,
    DateTimeOffset To,
    long Received,
    long Routed,
    IReadOnlyDictionary<string, long> RoutedPerApp,
    long Quarantined,
    long Rejected,
    long Failed,
    long DeadLettered,
    long Sent,
    long Duplicates,
    LatencyPercentiles Latency);
