using Mailflow.Lambda.Events.ApiGateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Mailflow.Lambda.AspNetCore;

/// <summary>
/// An ASP.NET Core server whose "connections" are API Gateway invocations: it takes the place of Kestrel in DI, so the
/// same application (middleware, minimal APIs, auth) runs under Kestrel locally and behind API Gateway on Lambda. The
/// idea is Amazon.Lambda.AspNetCoreServer's (not served here, DESIGN.md §3); this is the payload 2.0 part of it.
/// </summary>
public sealed class ApiGatewayServer(ILogger<ApiGatewayServer> logger) : IServer
{
    private Func<HttpApiRequest, CancellationToken, Task<HttpApiResponse>>? _process;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <summary>Called by the host's StartAsync: from now on requests go to <paramref name="application"/>.</summary>
    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        _process = (request, aborted) => ProcessAsync(application, request, aborted);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _process = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _process = null;

    /// <summary>Runs one request through the application and returns its response.</summary>
    /// <param name="requestAborted">Becomes HttpContext.RequestAborted: the invocation's deadline.</param>
    public Task<HttpApiResponse> ProcessAsync(HttpApiRequest request, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(request);
        var process = _process ?? throw new InvalidOperationException(
            "The API Gateway server is not running: start the host (app.StartAsync, or StartApiGatewayHandlerAsync) before handling invocations.");
        return process(request, requestAborted);
    }

    private async Task<HttpApiResponse> ProcessAsync<TContext>(IHttpApplication<TContext> application, HttpApiRequest request, CancellationToken requestAborted)
        where TContext : notnull
    {
        using var response = new BufferedResponseFeature();
        var context = application.CreateContext(ApiGatewayFeatures.Create(request, response, requestAborted));
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context).ConfigureAwait(false);
            await response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
            ApiGatewayServerLog.Unhandled(logger, request.RequestContext.RequestId, request.RequestContext.Http.Method, request.RouteKey, ex);
            response.Fail();
        }
        var result = HttpApiResponseEncoder.Encode(response.StatusCode, response.Headers, response.BodyBytes);
        try
        {
            await response.CompleteCallbacksAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The response is decided; a failing OnCompleted callback (Kestrel logs and ignores these too) cannot change it.
            ApiGatewayServerLog.CompletedCallbackFailed(logger, request.RequestContext.RequestId, ex);
        }
        application.DisposeContext(context, failure);
        return result;
    }
}
