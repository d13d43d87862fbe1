using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Mailflow.Lambda.Runtime;

/// <summary>
/// A client of the Lambda Runtime API, version 2018-06-01 (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html):
/// the four calls a custom runtime on <c>provided.al2023</c> makes. We write it ourselves because the Amazon.Lambda
/// packages are not served here (DESIGN.md §3); it is small enough to test byte for byte against the docs.
/// </summary>
public sealed class LambdaRuntimeClient
{
    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <param name="http">
    /// A client with <see cref="HttpClient.Timeout"/> = <see cref="Timeout.InfiniteTimeSpan"/>: the docs say not to time
    /// out <c>next</c>, which waits (the process may be frozen in between) until there is an event.
    /// </param>
    /// <param name="runtimeApi">host:port, the value of <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public LambdaRuntimeClient(HttpClient http, string runtimeApi)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        if (http.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException(
                $"The HttpClient times out after {http.Timeout}; the Runtime API's next call must not time out (it waits for the next event). Set Timeout = Timeout.InfiniteTimeSpan.",
                nameof(http));
        }
        if (!Uri.TryCreate($"http://{runtimeApi}/2018-06-01/", UriKind.Absolute, out var address) || address.AbsolutePath != "/2018-06-01/")
        {
            throw new ArgumentException($"'{runtimeApi}' is not host:port, the form of {RuntimeApiHeaders.RuntimeApiEnvironmentVariable}.", nameof(runtimeApi));
        }
        _http = http;
        _base = address;
    }

    /// <summary>
    /// Waits for the next event (GET /runtime/invocation/next) and sets <c>_X_AMZN_TRACE_ID</c> to its trace header,
    /// as the docs ask a runtime to, so the X-Ray SDK in the handler continues the right trace (or none).
    /// </summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "runtime/invocation/next"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "next", cancellationToken).ConfigureAwait(false);
        var requestId = Header(response, RuntimeApiHeaders.RequestId) ?? throw Missing(RuntimeApiHeaders.RequestId);
        var deadlineMs = Header(response, RuntimeApiHeaders.DeadlineMs) ?? throw Missing(RuntimeApiHeaders.DeadlineMs);
        if (!long.TryParse(deadlineMs, NumberStyles.None, CultureInfo.InvariantCulture, out var deadline))
        {
            throw new LambdaRuntimeApiException($"{RuntimeApiHeaders.DeadlineMs} '{deadlineMs}' is not Unix time in milliseconds.");
        }
        var functionArn = Header(response, RuntimeApiHeaders.InvokedFunctionArn) ?? "";
        var traceId = Header(response, RuntimeApiHeaders.TraceId);
        Environment.SetEnvironmentVariable(RuntimeApiHeaders.TraceIdEnvironmentVariable, traceId);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new LambdaInvocation(requestId, DateTimeOffset.FromUnixTimeMilliseconds(deadline), functionArn, traceId, body);
    }

    /// <summary>Posts the invocation's result (POST /runtime/invocation/{id}/response), byte for byte.</summary>
    public Task RespondAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PostAsync(Invocation(requestId, "response"), new ReadOnlyMemoryContent(body), "response", null, cancellationToken);

    /// <summary>Posts the invocation's result from a stream (a large response need not be copied into one array first).</summary>
    public Task RespondAsync(string requestId, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return PostAsync(Invocation(requestId, "response"), new StreamContent(body), "response", null, cancellationToken);
    }

    /// <summary>Reports that the invocation failed (POST /runtime/invocation/{id}/error).</summary>
    public Task ErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return PostAsync(Invocation(requestId, "error"), ErrorContent(error), "error", error.ErrorType, cancellationToken);
    }

    /// <summary>
    /// Reports that the function could not initialise (POST /runtime/init/error). Lambda answers the pending invocation
    /// with this error; the runtime should exit afterwards.
    /// </summary>
    public Task InitErrorAsync(LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return PostAsync(new Uri(_base, "runtime/init/error"), ErrorContent(error), "init error", error.ErrorType, cancellationToken);
    }

    private Uri Invocation(string requestId, string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return new Uri(_base, $"runtime/invocation/{Uri.EscapeDataString(requestId)}/{action}");
    }

    private static ByteArrayContent ErrorContent(LambdaError error)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, LambdaJsonContext.Default.LambdaError));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task PostAsync(Uri uri, HttpContent content, string call, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, HeaderSafe(errorType));
        }
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, call, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new LambdaRuntimeApiException(
            $"The Runtime API answered the {call} call with {(int)response.StatusCode} {response.ReasonPhrase}: {detail}", response.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static LambdaRuntimeApiException Missing(string header) =>
        new($"The Runtime API's next answer has no {header} header.");

    /// <summary>A header value carries printable ASCII only; an odd exception name must not break the error report.</summary>
    private static string HeaderSafe(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '_';
            }
        });
}
