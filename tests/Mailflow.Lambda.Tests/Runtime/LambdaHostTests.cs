using System.Text;
using System.Text.Json;
using Mailflow.Lambda.Runtime;
using Mailflow.Lambda.Tests.Support;
using Mailflow.Testing.Lambda;

namespace Mailflow.Lambda.Tests.Runtime;

/// <summary>The event loop, in process, against the harness over loopback HTTP.</summary>
public sealed class LambdaHostTests
{
    private static readonly byte[] _event = "{\"n\":1}"u8.ToArray();

    [Fact]
    public async Task Each_invocation_s_result_is_posted_as_its_response()
    {
        var handler = new DelegateHandler((invocation, _) => Task.FromResult(Encoding.UTF8.GetBytes($"[{Encoding.UTF8.GetString(invocation.Body)}]")));
        await using var function = await InProcessFunction.StartAsync(handler);

        var first = await function.InvokeAsync("1"u8.ToArray());
        var second = await function.InvokeAsync("2"u8.ToArray());

        Assert.Equal((HarnessResultKind.Response, "[1]"), (first.Kind, first.BodyText));
        Assert.Equal((HarnessResultKind.Response, "[2]"), (second.Kind, second.BodyText));
    }

    [Fact]
    public async Task A_handler_exception_fails_only_its_invocation_and_the_loop_goes_on()
    {
        var calls = 0;
        var handler = new DelegateHandler((_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidDataException("The event is not an SQS event.")
            : Task.FromResult("ok"u8.ToArray()));
        await using var function = await InProcessFunction.StartAsync(handler);

        var failed = await function.InvokeAsync(_event);
        var next = await function.InvokeAsync(_event);

        Assert.Equal(HarnessResultKind.Error, failed.Kind);
        Assert.Equal("InvalidDataException", failed.ErrorType);
        using var error = JsonDocument.Parse(failed.Body);
        Assert.Equal("The event is not an SQS event.", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidDataException", error.RootElement.GetProperty("errorType").GetString());
        Assert.NotEqual(0, error.RootElement.GetProperty("stackTrace").GetArrayLength());
        Assert.Equal((HarnessResultKind.Response, "ok"), (next.Kind, next.BodyText));
        Assert.False(function.Host.IsCompleted);
    }

    [Fact]
    public async Task An_init_exception_is_reported_as_init_error_and_the_host_exits_non_zero()
    {
        await using var function = await InProcessFunction.StartAsync(
            _ => Task.FromException<ILambdaHandler>(new InvalidOperationException("MAILFLOW_CONFIG is not set.")));

        var initError = await function.Harness.WaitForInitErrorAsync(InProcessFunction.Timeout);
        var invocation = await function.InvokeAsync(_event);

        Assert.Equal(LambdaHost.ExitInitFailed, await function.Host.WaitAsync(InProcessFunction.Timeout));
        Assert.Equal("InvalidOperationException", initError.ErrorType);
        using var error = JsonDocument.Parse(initError.Body);
        var message = error.RootElement.GetProperty("errorMessage").GetString();
        Assert.StartsWith("Initialization failed", message, StringComparison.Ordinal);
        Assert.EndsWith("MAILFLOW_CONFIG is not set.", message, StringComparison.Ordinal);
        Assert.Same(initError, invocation);
    }

    [Fact]
    public async Task The_handler_s_token_is_cancelled_at_the_deadline_and_the_invocation_fails_as_timed_out()
    {
        var cancelledAt = new TaskCompletionSource<DateTimeOffset>();
        var handler = new DelegateHandler(async (_, cancellationToken) =>
        {
            using var registration = cancellationToken.Register(() => cancelledAt.TrySetResult(TimeProvider.System.GetUtcNow()));
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        });
        await using var function = await InProcessFunction.StartAsync(handler);

        var result = await function.InvokeAsync(_event, TimeSpan.FromMilliseconds(400));

        Assert.Equal(HarnessResultKind.Error, result.Kind);
        Assert.Equal(LambdaError.DeadlineExceededType, result.ErrorType);
        Assert.Contains("deadline", result.BodyText, StringComparison.Ordinal);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(350), $"cancelled after {result.Elapsed}");
        Assert.True(cancelledAt.Task.IsCompleted);
    }

    [Fact]
    public async Task A_deadline_margin_cancels_the_token_before_the_deadline()
    {
        var seen = new TaskCompletionSource<(DateTimeOffset CancelledAt, DateTimeOffset Deadline)>();
        var handler = new DelegateHandler(async (invocation, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            seen.TrySetResult((TimeProvider.System.GetUtcNow(), invocation.Deadline));
            return "partial"u8.ToArray();
        });
        await using var function = await InProcessFunction.StartAsync(_ => Task.FromResult<ILambdaHandler>(handler),
            configure: options => options.DeadlineMargin = TimeSpan.FromSeconds(2));

        var result = await function.InvokeAsync(_event, TimeSpan.FromSeconds(4));
        var (cancelledAt, deadline) = await seen.Task;

        Assert.Equal("partial", result.BodyText);
        Assert.True(cancelledAt < deadline, $"cancelled at {cancelledAt:O}, deadline {deadline:O}");
    }

    [Fact]
    public async Task The_host_exits_cleanly_when_the_runtime_api_goes_away_and_disposes_the_handler()
    {
        var handler = new DelegateHandler((_, _) => Task.FromResult("ok"u8.ToArray()));
        var function = await InProcessFunction.StartAsync(handler);
        await function.InvokeAsync(_event);

        Assert.Equal(LambdaHost.ExitStopped, await function.StopAsync());
        Assert.True(handler.Disposed);
    }

    [Fact]
    public async Task A_response_over_six_megabytes_fails_the_invocation_and_the_next_one_still_works()
    {
        var calls = 0;
        var handler = new DelegateHandler((_, _) =>
            Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new byte[RuntimeApiHarness.MaxResponseBytes + 1] : "small"u8.ToArray()));
        await using var function = await InProcessFunction.StartAsync(handler);

        var tooLarge = await function.InvokeAsync(_event);
        var next = await function.InvokeAsync(_event);

        Assert.Equal((HarnessResultKind.Error, "Function.ResponseSizeTooLarge"), (tooLarge.Kind, tooLarge.ErrorType));
        Assert.Equal("small", next.BodyText);
    }

    [Fact]
    public async Task Without_a_runtime_api_the_host_says_so_and_exits_non_zero()
    {
        var initialized = false;

        var exit = await LambdaHost.RunAsync(_ =>
        {
            initialized = true;
            return Task.FromResult<ILambdaHandler>(new DelegateHandler((_, _) => Task.FromResult<byte[]>([])));
        }, new LambdaHostOptions { RuntimeApi = " " });

        Assert.Equal(LambdaHost.ExitInitFailed, exit);
        Assert.False(initialized);
    }
}
