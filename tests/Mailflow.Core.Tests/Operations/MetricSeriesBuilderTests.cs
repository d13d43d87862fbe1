using Mailflow.Core.Operations;

namespace Mailflow.Core.Tests.Operations;

public sealed class MetricSeriesBuilderTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 9, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Points_BucketsAlignedToFrom_CountMinutesStartingInThem()
    {
        var series = new MetricSeriesBuilder(LedgerMetrics.Sent, From, From.AddMinutes(10), TimeSpan.FromMinutes(5));

        series.Add(From.AddSeconds(-30), LedgerMetrics.Sent, 7);
        series.Add(From.AddSeconds(30), LedgerMetrics.Sent, 2);
        series.Add(From.AddMinutes(5), LedgerMetrics.Sent, 1);
        series.Add(From.AddMinutes(5), LedgerMetrics.Received, 9);
        series.Add(From.AddMinutes(10), LedgerMetrics.Sent, 4);

        Assert.Equal([new MetricPoint(From, 2), new MetricPoint(From.AddMinutes(5), 1)], series.Points());
    }

    [Fact]
    public void Points_LatencyWithoutSamples_IsNull()
    {
        var series = new MetricSeriesBuilder(LedgerMetrics.LatencyP99, From, From.AddMinutes(2), TimeSpan.FromMinutes(1));

        series.Add(From, LedgerMetrics.LatencyPrefix + "30", 10);

        Assert.InRange(series.Points()[0].Value!.Value, 794.4, 1000);
        Assert.Null(series.Points()[1].Value);
    }

    [Theory]
    [InlineData("Received", 1)]
    [InlineData("latency.5", 1)]
    [InlineData("received", 0.25)]
    [InlineData("received", 2.5)]
    public void Constructor_UnknownMetricOrBadStep_ThrowsNamingWhatIsValid(string metric, double stepMinutes)
    {
        var error = Assert.Throws<ArgumentException>(() => new MetricSeriesBuilder(metric, From, From.AddHours(1), TimeSpan.FromMinutes(stepMinutes)));

        Assert.Contains(metric == "received" ? "whole number of minutes" : "latencyP95", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MoreThanADayOfPoints_Throws()
    {
        Assert.Throws<ArgumentException>(() => new MetricSeriesBuilder(LedgerMetrics.Sent, From, From.AddDays(1).AddMinutes(1), TimeSpan.FromMinutes(1)));
        Assert.Equal(1440, new MetricSeriesBuilder(LedgerMetrics.Sent, From, From.AddDays(1), TimeSpan.FromMinutes(1)).Points().Count);
    }
}
