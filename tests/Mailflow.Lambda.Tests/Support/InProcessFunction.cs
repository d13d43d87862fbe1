using Mailflow.Lambda.Runtime;
using Mailflow.Testing.Lambda;

namespace Mailflow.Lambda.Tests.Support;

/// <summary>
/// <see cref="LambdaHost"/> running in the test process against a <see cref="RuntimeApiHarness"/> over loopback HTTP:
/// the whole runtime path except the process start, which the harness's process tests cover.
/// </summary>
public sealed class InProcessFunction : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private InProcessFunction(RuntimeApiHarness harness, Task<int> host)
    {
        Harness = harness;
        Host = host;
    }

    public RuntimeApiHarness Harness { get; }

    /// <summary>The host's run; completes with its exit code.</summary>
    public Task<int> Host { get; }

    public static async Task<InProcessFunction> StartAsync(
        Func<CancellationToken, Task<ILambdaHandler>> init, RuntimeApiHarnessOptions? harnessOptions = null, Action<LambdaHostOptions>? configure = null)
    {
        var harness = new RuntimeApiHarness(harnessOptions);
        var options = new LambdaHostOptions { RuntimeApi = await harness.StartServerAsync() };
        configure?.Invoke(options);
        return new InProcessFunction(harness, Task.Run(() => LambdaHost.RunAsync(init, options)));
    }

    public static Task<InProcessFunction> StartAsync(ILambdaHandler handler) => StartAsync(_ => Task.FromResult(handler));

    public Task<HarnessResult> InvokeAsync(byte[] body, TimeSpan? timeout = null) => Harness.InvokeAsync(body, timeout ?? Timeout);

    /// <summary>Takes the Runtime API away and returns the host's exit code.</summary>
    public async Task<int> StopAsync()
    {
        await Harness.DisposeAsync();
        return await Host.WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Host.WaitAsync(Timeout);
    }
}
