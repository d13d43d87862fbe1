using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using Mailflow.Lambda.Runtime;
using Mailflow.Testing.Lambda;

namespace Mailflow.Lambda.Tests.Runtime;

/// <summary>The Runtime API client against the harness, checked against https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync.")]
public sealed class LambdaRuntimeClientTests : IAsyncLifetime
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);
    private readonly RuntimeApiHarness _harness = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private LambdaRuntimeClient _client = null!;

    public async Task InitializeAsync() => _client = new LambdaRuntimeClient(_http, await _harness.StartServerAsync());

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Next_returns_the_event_bytes_with_request_id_deadline_and_function_arn()
    {
        var body = "{\"hello\":\"wörld\"}"u8.ToArray();
        var invoke = _harness.InvokeAsync(body, TimeSpan.FromSeconds(20));

        var invocation = await _client.NextAsync(CancellationToken.None);
        await _client.RespondAsync(invocation.RequestId, "{}"u8.ToArray(), CancellationToken.None);
        var result = await invoke;

        Assert.Equal(body, invocation.Body);
        Assert.Equal(result.RequestId, invocation.RequestId);
        Assert.Equal(new RuntimeApiHarnessOptions().FunctionArn, invocation.FunctionArn);
        var remaining = invocation.Deadline - TimeProvider.System.GetUtcNow();
        Assert.InRange(remaining, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$", invocation.TraceId);
    }

    [Fact]
    public async Task Next_waits_for_an_event_however_long_it_takes()
    {
        var next = _client.NextAsync(CancellationToken.None);
        await Task.Delay(300);
        Assert.False(next.IsCompleted);

        var invoke = _harness.InvokeAsync("{}"u8.ToArray(), _timeout);
        var invocation = await next.WaitAsync(_timeout);
        await _client.RespondAsync(invocation.RequestId, "{}"u8.ToArray(), CancellationToken.None);
        await invoke;
    }

    [Fact]
    public async Task A_response_is_posted_byte_for_byte()
    {
        var response = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var invoke = _harness.InvokeAsync("{}"u8.ToArray(), _timeout);
        var invocation = await _client.NextAsync(CancellationToken.None);

        await _client.RespondAsync(invocation.RequestId, response, CancellationToken.None);
        var result = await invoke;

        Assert.Equal(HarnessResultKind.Response, result.Kind);
        Assert.Equal(response, result.Body);
        Assert.Null(result.ErrorType);
    }

    [Fact]
    public async Task A_response_can_be_posted_from_a_stream()
    {
        var response = Encoding.UTF8.GetBytes(new string('x', 200_000));
        var invoke = _harness.InvokeAsync("{}"u8.ToArray(), _timeout);
        var invocation = await _client.NextAsync(CancellationToken.None);

        await _client.RespondAsync(invocation.RequestId, new MemoryStream(response), CancellationToken.None);

        Assert.Equal(response, (await invoke).Body);
    }

    [Fact]
    public async Task An_invocation_error_posts_the_documented_body_and_error_type_header()
    {
        var invoke = _harness.InvokeAsync("{}"u8.ToArray(), _timeout);
        var invocation = await _client.NextAsync(CancellationToken.None);

        await _client.ErrorAsync(invocation.RequestId, new LambdaError("Error parsing event data.", "InvalidEventDataException"), CancellationToken.None);
        var result = await invoke;

        Assert.Equal(HarnessResultKind.Error, result.Kind);
        Assert.Equal("""{"errorMessage":"Error parsing event data.","errorType":"InvalidEventDataException","stackTrace":[]}""", result.BodyText);
        Assert.Equal("InvalidEventDataException", result.ErrorType);
        Assert.Equal("application/json", result.Headers["Content-Type"]);
    }

    [Fact]
    public async Task An_init_error_posts_the_documented_body_and_answers_the_pending_invocation()
    {
        var invoke = _harness.InvokeAsync("{}"u8.ToArray(), _timeout);

        await _client.InitErrorAsync(new LambdaError("Failed to load function.", "InvalidFunctionException") { StackTrace = ["at Main"] }, CancellationToken.None);
        var initError = await _harness.WaitForInitErrorAsync(_timeout);
        var result = await invoke;

        Assert.Equal(HarnessResultKind.InitError, initError.Kind);
        Assert.Equal("""{"errorMessage":"Failed to load function.","errorType":"InvalidFunctionException","stackTrace":["at Main"]}""", initError.BodyText);
        Assert.Equal("InvalidFunctionException", initError.ErrorType);
        Assert.Same(initError, result);
    }

    [Fact]
    public async Task A_second_answer_to_the_same_invocation_is_refused_with_403()
    {
        var invoke = _harness.InvokeAsync("{}"u8.ToArray(), _timeout);
        var invocation = await _client.NextAsync(CancellationToken.None);
        await _client.RespondAsync(invocation.RequestId, "1"u8.ToArray(), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<LambdaRuntimeApiException>(
            () => _client.ErrorAsync(invocation.RequestId, new LambdaError("late", "Late"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("InvalidStateTransition", refused.Message, StringComparison.Ordinal);
        Assert.Equal("1", (await invoke).BodyText);
    }

    [Fact]
    public async Task An_answer_for_an_unknown_request_id_is_refused_with_400()
    {
        var refused = await Assert.ThrowsAsync<LambdaRuntimeApiException>(
            () => _client.RespondAsync("no-such-request", "{}"u8.ToArray(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public void A_client_whose_requests_time_out_is_refused_because_next_must_not_time_out()
    {
        using var http = new HttpClient();

        var refused = Assert.Throws<ArgumentException>(() => new LambdaRuntimeClient(http, _harness.RuntimeApi));

        Assert.Contains("InfiniteTimeSpan", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9001")]
    [InlineData("127.0.0.1:9001/path")]
    [InlineData(" ")]
    public void A_runtime_api_that_is_not_host_and_port_is_refused(string runtimeApi) =>
        Assert.ThrowsAny<ArgumentException>(() => new LambdaRuntimeClient(_http, runtimeApi));
}
