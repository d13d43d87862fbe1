namespace Mailflow.Core.Operations;

/// <summary>
/// One metric over [from, to) in buckets of a whole number of minutes aligned to <c>from</c>, from per-minute counter
/// rows as a ledger reads them. Every bucket is present: 0 for a count without entries, null for a latency percentile
/// without samples. The constructor refuses what no ledger can answer, naming what is valid.
/// </summary>
public sealed class MetricSeriesBuilder
{
    /// <summary>The most buckets one series returns (a day of minutes).</summary>
    public const int MaxPoints = 1440;

    private readonly string _metric;
    private readonly DateTimeOffset _from;
    private readonly TimeSpan _step;
    private readonly long[] _counts;
    private readonly Dictionary<int, long>[] _histograms;

    public MetricSeriesBuilder(string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!LedgerMetrics.SeriesNames.Contains(metric, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown metric '{metric}'; valid metrics: {string.Join(", ", LedgerMetrics.SeriesNames)}.", nameof(metric));
        }
        if (step < LedgerMetrics.Resolution || step.Ticks % LedgerMetrics.Resolution.Ticks != 0)
        {
            throw new ArgumentException($"The step {step} is not a whole number of minutes: use 1 minute or more, in whole minutes.", nameof(step));
        }
        if (to <= from)
        {
            throw new ArgumentException($"The window is empty: 'to' ({to:O}) must be after 'from' ({from:O}).", nameof(to));
        }
        var points = (long)Math.Ceiling((double)(to - from).Ticks / step.Ticks);
        if (points > MaxPoints)
        {
            throw new ArgumentException(
                $"{points} points asked; a series has at most {MaxPoints}: use a step of at least {Math.Ceiling((to - from).TotalMinutes / MaxPoints)} minutes for this window.",
                nameof(step));
        }
        _metric = metric;
        _from = from;
        _step = step;
        IsLatency = metric is LedgerMetrics.LatencyP50 or LedgerMetrics.LatencyP95 or LedgerMetrics.LatencyP99;
        _counts = new long[points];
        _histograms = [.. Enumerable.Range(0, (int)points).Select(_ => new Dictionary<int, long>())];
    }

    /// <summary>True when the metric is a latency percentile, read from the <see cref="LedgerMetrics.LatencyPrefix"/> counters.</summary>
    public bool IsLatency { get; }

    /// <summary>Adds a counter row of the minute starting at <paramref name="minute"/>; rows outside the window are ignored.</summary>
    public void Add(DateTimeOffset minute, string name, long count)
    {
        var index = (minute - _from).Ticks / _step.Ticks;
        if (minute < _from || index >= _counts.Length)
        {
            return;
        }
        if (!IsLatency)
        {
            if (name == _metric)
            {
                _counts[index] += count;
            }
        }
        else if (LatencyHistogram.BucketOfCounter(name) is { } bucket)
        {
            _histograms[index][bucket] = _histograms[index].GetValueOrDefault(bucket) + count;
        }
    }

    public IReadOnlyList<MetricPoint> Points() =>
        [.. Enumerable.Range(0, _counts.Length).Select(index => new MetricPoint(_from + (_step * index), Value(index)))];

    private double? Value(int index)
    {
        if (!IsLatency)
        {
            return _counts[index];
        }
        var percentiles = LatencyHistogram.Percentiles(_histograms[index]);
        return _metric switch
        {
            LedgerMetrics.LatencyP50 => percentiles.P50Ms,
            LedgerMetrics.LatencyP95 => percentiles.P95Ms,
            _ => percentiles.P99Ms,
        };
    }
}
