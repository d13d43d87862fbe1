using Mailflow.Core.Operations;

namespace Mailflow.Api.Views;

/// <summary><c>GET /api/metrics/timeseries</c>: one metric in buckets of <paramref name="Step"/> over the window.</summary>
public sealed record SeriesView(string Metric, string Window, string Step, IReadOnlyList<MetricPoint> Points);
