using System.Globalization;

namespace Mailflow.ApiBench;

/// <summary>Min, median, p95, p99 and max of a set of request times in milliseconds (nearest-rank percentiles).</summary>
internal readonly record struct LatencyStats(double Min, double Median, double P95, double P99, double Max)
{
    public static LatencyStats Of(double[] samples)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Length);
        var sorted = samples.Order().ToArray();
        return new LatencyStats(sorted[0], Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"min {Min,6:F2}  median {Median,6:F2}  p95 {P95,6:F2}  p99 {P99,6:F2}  max {Max,7:F2} ms");

    private static double Rank(double[] sorted, double quantile) => sorted[(int)Math.Ceiling(sorted.Length * quantile) - 1];
}
