using System.Reflection;
using Mailflow.Api.Views;
using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// <c>GET /api/health</c> (public, shallow: the inbound switches only) and <c>GET /api/health/deep</c> (viewer: every
/// store and queue, each timed; 503 when any fails).
/// </summary>
public static class HealthEndpoints
{
    /// <summary>A dependency that has not answered in this long counts as failing.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/health", ShallowAsync).AllowAnonymous().WithName("health").Produces<HealthView>();
        api.MapGet("/health/deep", DeepAsync).WithName("healthDeep").Produces<DeepHealthView>().Produces<DeepHealthView>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ShallowAsync([FromServices] OperationsBackends ops, [FromServices] HealthInboundCache inboundCache,
        [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        InboundStatus inbound;
        try
        {
            inbound = await inboundCache.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Public endpoint: say that the state is unknown, keep the reason in the log.
            ApiLog.InboundStateUnreadable(loggers.CreateLogger(typeof(HealthEndpoints)), ex);
            inbound = new InboundStatus("unknown", false, false, null, "The inbound state could not be read; see the API's log and GET /api/health/deep.");
        }
        var worker = inbound.State == "unknown" ? "unknown" : inbound.Processing ? "running" : "paused";
        var view = new HealthView(inbound.State == InboundStatus.Enabled ? "ok" : "degraded", Version, ops.Config.Environment, ops.Host, inbound,
            new WorkerView(worker), ops.Time.GetUtcNow());
        return TypedResults.Json(view, ApiJsonContext.Default.HealthView);
    }

    private static async Task<IResult> DeepAsync([FromServices] OperationsBackends ops, CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(ops.DependencyChecks.Select(check => RunAsync(check, ops.Time, cancellationToken))).ConfigureAwait(false);
        var failing = checks.Any(check => !check.Ok);
        return TypedResults.Json(new DeepHealthView(failing ? "failing" : "ok", checks), ApiJsonContext.Default.DeepHealthView,
            statusCode: failing ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static async Task<DependencyView> RunAsync(IDependencyCheck check, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var started = time.GetTimestamp();
        string? error = null;
        try
        {
            await check.CheckAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"No answer within {CheckTimeout.TotalSeconds:0} s.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        return new DependencyView(check.Name, error is null, Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 2), error);
    }
}
