namespace Mailflow.Core.Operations;

/// <summary>Adds up counter rows (name, app, count) as a ledger reads them into a <see cref="MetricsSummary"/>.</summary>
public sealed class MetricsSummaryBuilder
{
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _routedPerApp = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _latency = [];

    public void Add(string name, string app, long count)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (LatencyHistogram.BucketOfCounter(name) is { } bucket)
        {
            _latency[bucket] = _latency.GetValueOrDefault(bucket) + count;
            return;
        }
        _totals[name] = _totals.GetValueOrDefault(name) + count;
        if (name == LedgerMetrics.Routed && !string.IsNullOrEmpty(app))
        {
            _routedPerApp[app] = _routedPerApp.GetValueOrDefault(app) + count;
        }
    }

    public MetricsSummary Build(DateTimeOffset from, DateTimeOffset to) => new(
        from,
        to,
        Total(LedgerMetrics.Received),
        new SortedDictionary<string, long>(_routedPerApp, StringComparer.Ordinal),
        Total(LedgerMetrics.Quarantined),
        Total(LedgerMetrics.Rejected),
        Total(LedgerMetrics.Failed),
        Total(LedgerMetrics.DeadLettered),
        Total(LedgerMetrics.Sent),
        Total(LedgerMetrics.Duplicates),
        LatencyHistogram.Percentiles(_latency));

    private long Total(string name) => _totals.GetValueOrDefault(name);
}
