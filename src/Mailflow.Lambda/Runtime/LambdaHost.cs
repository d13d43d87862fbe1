namespace Mailflow.Lambda.Runtime;

/// <summary>
/// The event loop of a custom runtime (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-build):
/// initialise once, then next → handler → response or error, for as long as the execution environment lives.
/// A function's <c>Main</c> is <c>return await LambdaHost.RunAsync(InitAsync);</c>.
/// </summary>
public static class LambdaHost
{
    /// <summary>The Runtime API went away (the environment is shutting down) or the caller's token was cancelled.</summary>
    public const int ExitStopped = 0;

    /// <summary>Initialization failed (reported as an init error), or there is no Runtime API to run under.</summary>
    public const int ExitInitFailed = 1;

    /// <summary>The Runtime API answered <c>next</c> with an error (its 500 means "non-recoverable state, exit promptly").</summary>
    public const int ExitRuntimeApiFailed = 2;

    /// <summary>
    /// Runs <paramref name="init"/>, then serves invocations until the Runtime API goes away. An exception from
    /// <paramref name="init"/> is reported as an init error (Lambda answers the pending invocation with it); an exception
    /// from the handler fails only its own invocation, and the loop goes on.
    /// </summary>
    public static async Task<int> RunAsync(
        Func<CancellationToken, Task<ILambdaHandler>> init, LambdaHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(init);
        options ??= new LambdaHostOptions();
        var runtimeApi = options.RuntimeApi ?? Environment.GetEnvironmentVariable(RuntimeApiHeaders.RuntimeApiEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            LambdaHostLog.NoRuntimeApi(options.Logger, RuntimeApiHeaders.RuntimeApiEnvironmentVariable);
            return ExitInitFailed;
        }
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new LambdaRuntimeClient(http, runtimeApi);
        ILambdaHandler handler;
        try
        {
            handler = await init(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The init function returned no handler.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await ReportInitErrorAsync(client, ex, options, cancellationToken).ConfigureAwait(false);
            return ExitInitFailed;
        }
        try
        {
            return await LoopAsync(client, handler, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DisposeAsync(handler).ConfigureAwait(false);
        }
    }

    private static async Task<int> LoopAsync(LambdaRuntimeClient client, ILambdaHandler handler, LambdaHostOptions options, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var invocation = await client.NextAsync(cancellationToken).ConfigureAwait(false);
                await InvokeAsync(client, handler, invocation, options, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitStopped;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                LambdaHostLog.RuntimeApiGone(options.Logger, ex.Message);
                return ExitStopped;
            }
            catch (LambdaRuntimeApiException ex)
            {
                LambdaHostLog.RuntimeApiFailed(options.Logger, ex);
                return ExitRuntimeApiFailed;
            }
        }
    }

    private static async Task InvokeAsync(
        LambdaRuntimeClient client, ILambdaHandler handler, LambdaInvocation invocation, LambdaHostOptions options, CancellationToken cancellationToken)
    {
        using var deadline = DeadlineSource(invocation.Deadline - options.DeadlineMargin, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        byte[] response = [];
        LambdaError? error = null;
        try
        {
            response = await handler.HandleAsync(invocation, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            error = LambdaError.DeadlineExceeded(invocation.Deadline);
            LambdaHostLog.InvocationFailed(options.Logger, invocation.RequestId, error.ErrorType, ex);
        }
        catch (Exception ex)
        {
            error = LambdaError.FromException(ex);
            LambdaHostLog.InvocationFailed(options.Logger, invocation.RequestId, error.ErrorType, ex);
        }
        try
        {
            if (error is null)
            {
                await client.RespondAsync(invocation.RequestId, response, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.ErrorAsync(invocation.RequestId, error, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (LambdaRuntimeApiException ex)
        {
            // 413 (over 6 MB) or 403 (already answered): Lambda fails the invocation itself; the next one may still work.
            LambdaHostLog.ResultRejected(options.Logger, invocation.RequestId, ex);
        }
    }

    /// <summary>A token that fires at <paramref name="at"/> by <paramref name="time"/>; at once if that has passed.</summary>
    private static CancellationTokenSource DeadlineSource(DateTimeOffset at, TimeProvider time)
    {
        var remaining = at - time.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            return new CancellationTokenSource(remaining, time);
        }
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }

    private static async Task ReportInitErrorAsync(LambdaRuntimeClient client, Exception exception, LambdaHostOptions options, CancellationToken cancellationToken)
    {
        var error = LambdaError.FromException(exception, "Initialization failed, so the function serves no invocations until it is fixed and redeployed: ");
        LambdaHostLog.InitFailed(options.Logger, error.ErrorType, exception);
        try
        {
            await client.InitErrorAsync(error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or LambdaRuntimeApiException)
        {
            LambdaHostLog.InitErrorNotReported(options.Logger, ex);
        }
    }

    private static async ValueTask DisposeAsync(ILambdaHandler handler)
    {
        switch (handler)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
