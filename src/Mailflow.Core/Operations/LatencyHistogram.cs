using System.Globalization;

namespace Mailflow.Core.Operations;

/// <summary>
/// A fixed log-scale histogram of latencies: bucket <c>i</c> holds (10^((i-1)/10), 10^(i/10)] milliseconds, ten buckets
/// per decade (each 26% wider than the one before) from 1 ms to about 53 minutes; bucket 0 holds everything up to
/// 1 ms and the last everything above. Counts of the same bucket add across minutes and across writers, which is what
/// lets percentiles over any window come from per-minute counters.
/// </summary>
public static class LatencyHistogram
{
    public const int BucketsPerDecade = 10;
    public const int LastBucket = 66;

    public static int BucketOf(TimeSpan latency)
    {
        var ms = latency.TotalMilliseconds;
        if (ms <= 1)
        {
            return 0;
        }
        var index = (int)Math.Ceiling(BucketsPerDecade * Math.Log10(ms) - 1e-9);
        return Math.Clamp(index, 1, LastBucket);
    }

    /// <summary>The bucket's upper bound in milliseconds.</summary>
    public static double UpperMs(int bucket) => Math.Pow(10, (double)bucket / BucketsPerDecade);

    /// <summary>Parses the bucket of a <see cref="LedgerMetrics.LatencyPrefix"/> counter name, or null for other names.</summary>
    public static int? BucketOfCounter(string counterName) =>
        counterName.StartsWith(LedgerMetrics.LatencyPrefix, StringComparison.Ordinal)
        && int.TryParse(counterName.AsSpan(LedgerMetrics.LatencyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var bucket)
        && bucket is >= 0 and <= LastBucket
            ? bucket
            : null;

    /// <summary>Percentiles from bucket counts, interpolated geometrically inside the bucket that holds each rank.</summary>
    public static LatencyPercentiles Percentiles(IReadOnlyDictionary<int, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Values.Sum();
        return total == 0
            ? new LatencyPercentiles(0, null, null, null)
            : new LatencyPercentiles(total, Percentile(counts, total, 0.50), Percentile(counts, total, 0.95), Percentile(counts, total, 0.99));
    }

    private static double Percentile(IReadOnlyDictionary<int, long> counts, long total, double quantile)
    {
        var rank = quantile * total;
        long seen = 0;
        foreach (var (bucket, count) in counts.Where(c => c.Value > 0).OrderBy(c => c.Key))
        {
            if (seen + count >= rank)
            {
                var fraction = count == 0 ? 1 : Math.Clamp((rank - seen) / count, 0, 1);
                var lower = bucket == 0 ? UpperMs(0) / 2 : UpperMs(bucket - 1);
                return Math.Round(lower * Math.Pow(UpperMs(bucket) / lower, fraction), 2);
            }
            seen += count;
        }
        return UpperMs(LastBucket);
    }
}
