using Mailflow.Api.Views;
using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// The overview's figures, all from the ledger's counters (<see cref="LedgerMetrics"/>): totals over 1h/24h/7d and one
/// metric as a series. Windows end at the next whole minute so that the current minute counts.
/// </summary>
public static class MetricsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/metrics/summary", SummaryAsync).WithName("metricsSummary").Produces<MetricsSummaryView>();
        api.MapGet("/metrics/timeseries", SeriesAsync).WithName("metricsTimeseries").Produces<SeriesView>();
    }

    private static async Task<IResult> SummaryAsync(string? window, [FromServices] OperationsBackends ops, CancellationToken cancellationToken)
    {
        window ??= "24h";
        if (!ApiWindows.Windows.TryGetValue(window, out var length))
        {
            return ApiErrors.BadRequest("invalid-window", $"window '{window}' is not one of {ApiWindows.Names(ApiWindows.Windows)}.");
        }
        var (from, to) = ApiWindows.Range(ops.Time.GetUtcNow(), length, LedgerMetrics.Resolution);
        var totals = await ops.LedgerReader.SummaryAsync(from, to, cancellationToken).ConfigureAwait(false);
        var view = new MetricsSummaryView(window, from, to, totals.Received, totals.RoutedPerApp.Values.Sum(), totals.RoutedPerApp, totals.Quarantined,
            totals.Rejected, totals.Failed, totals.DeadLettered, totals.Sent, totals.Duplicates, totals.Latency);
        return TypedResults.Json(view, ApiJsonContext.Default.MetricsSummaryView);
    }

    private static async Task<IResult> SeriesAsync(string? metric, string? window, string? step, [FromServices] OperationsBackends ops,
        CancellationToken cancellationToken)
    {
        if (metric is null || !LedgerMetrics.SeriesNames.Contains(metric, StringComparer.Ordinal))
        {
            return ApiErrors.BadRequest("invalid-metric", $"metric '{metric}' is not one of {string.Join(", ", LedgerMetrics.SeriesNames)}.");
        }
        window ??= "24h";
        if (!ApiWindows.Windows.TryGetValue(window, out var length))
        {
            return ApiErrors.BadRequest("invalid-window", $"window '{window}' is not one of {ApiWindows.Names(ApiWindows.Windows)}.");
        }
        step ??= ApiWindows.DefaultStep(window);
        if (!ApiWindows.Steps.TryGetValue(step, out var stepLength) || stepLength > length)
        {
            return ApiErrors.BadRequest("invalid-step", $"step '{step}' is not one of {ApiWindows.Names(ApiWindows.Steps)} no longer than the window.");
        }
        var (from, to) = ApiWindows.Range(ops.Time.GetUtcNow(), length, stepLength);
        var points = await ops.LedgerReader.SeriesAsync(metric, from, to, stepLength, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new SeriesView(metric, window, step, points), ApiJsonContext.Default.SeriesView);
    }
}
