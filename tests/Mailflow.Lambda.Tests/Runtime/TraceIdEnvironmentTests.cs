using Mailflow.Lambda.Runtime;
using Mailflow.Testing.Lambda;

namespace Mailflow.Lambda.Tests.Runtime;

[Collection(nameof(TraceEnvironmentCollection))]
public sealed class TraceIdEnvironmentTests
{
    [Fact]
    public async Task Next_sets_the_X_Ray_trace_variable_to_the_invocation_s_trace_header()
    {
        await using var harness = new RuntimeApiHarness();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new LambdaRuntimeClient(http, await harness.StartServerAsync());
        var invoke = harness.InvokeAsync("{}"u8.ToArray(), TimeSpan.FromSeconds(30));

        var invocation = await client.NextAsync(CancellationToken.None);
        await client.RespondAsync(invocation.RequestId, "{}"u8.ToArray(), CancellationToken.None);
        await invoke;

        Assert.NotNull(invocation.TraceId);
        Assert.Equal(invocation.TraceId, Environment.GetEnvironmentVariable(RuntimeApiHeaders.TraceIdEnvironmentVariable));
    }
}
