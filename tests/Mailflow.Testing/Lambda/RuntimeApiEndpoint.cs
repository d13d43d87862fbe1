using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mailflow.Testing.Lambda;

/// <summary>
/// The HTTP side of the harness: the four Runtime API calls, answered as Lambda answers them
/// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html), statuses and error bodies included.
/// </summary>
internal sealed class RuntimeApiEndpoint(InvocationBoard board, RuntimeApiHarnessOptions options, CancellationToken stopping)
{
    private const string Prefix = "/2018-06-01/runtime/";

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (method == HttpMethods.Get && path == Prefix + "invocation/next")
        {
            await NextAsync(context).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Post && path == Prefix + "init/error")
        {
            var body = await ReadAsync(context).ConfigureAwait(false);
            board.PostInitError(body, ErrorType(context), Headers(context));
            await AnswerAsync(context, 202, """{"status":"OK"}""").ConfigureAwait(false);
        }
        else if (method == HttpMethods.Post && InvocationPost(path) is ({ } requestId, var kind))
        {
            await PostAsync(context, requestId, kind).ConfigureAwait(false);
        }
        else
        {
            await AnswerAsync(context, 404, """{"errorMessage":"Unknown Runtime API path","errorType":"NotFound"}""").ConfigureAwait(false);
        }
    }

    private async Task NextAsync(HttpContext context)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        PendingInvocation pending;
        try
        {
            pending = await board.NextAsync(waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The harness stops: drop the connection, as a Runtime API that goes away would.
            context.Abort();
            return;
        }
        var now = options.TimeProvider.GetUtcNow();
        var deadline = now + pending.Timeout;
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = options.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = TraceId(now);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = pending.Body.Length;
        await context.Response.Body.WriteAsync(pending.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task PostAsync(HttpContext context, string requestId, HarnessResultKind kind)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (kind == HarnessResultKind.Response && body.Length > RuntimeApiHarness.MaxResponseBytes)
        {
            var message = $$"""{"errorMessage":"Response payload size ({{body.Length}} bytes) exceeded maximum allowed payload size ({{RuntimeApiHarness.MaxResponseBytes}} bytes).","errorType":"Function.ResponseSizeTooLarge"}""";
            board.Post(requestId, HarnessResultKind.Error, Encoding.UTF8.GetBytes(message), "Function.ResponseSizeTooLarge", Headers(context));
            await AnswerAsync(context, 413, message).ConfigureAwait(false);
            return;
        }
        var (_, status) = board.Post(requestId, kind, body, ErrorType(context), Headers(context));
        await (status switch
        {
            202 => AnswerAsync(context, 202, """{"status":"OK"}"""),
            403 => AnswerAsync(context, 403, """{"errorMessage":"Invalid state transition: the invocation was already answered","errorType":"InvalidStateTransition"}"""),
            _ => AnswerAsync(context, 400, """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"""),
        }).ConfigureAwait(false);
    }

    /// <summary><c>/2018-06-01/runtime/invocation/{id}/response</c> or <c>…/error</c>.</summary>
    private static (string? RequestId, HarnessResultKind Kind) InvocationPost(string path)
    {
        const string Invocation = Prefix + "invocation/";
        if (!path.StartsWith(Invocation, StringComparison.Ordinal))
        {
            return (null, default);
        }
        var rest = path[Invocation.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? (null, default) : rest[(slash + 1)..] switch
        {
            "response" => (rest[..slash], HarnessResultKind.Response),
            "error" => (rest[..slash], HarnessResultKind.Error),
            _ => (null, default),
        };
    }

    private static async Task<byte[]> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static string? ErrorType(HttpContext context) =>
        context.Request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var value) ? value.ToString() : null;

    private static Dictionary<string, string> Headers(HttpContext context) =>
        context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static Task AnswerAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>An X-Ray trace header of the documented shape: Root=1-{epoch seconds hex}-{24 hex};Parent={16 hex};Sampled=0.</summary>
    private static string TraceId(DateTimeOffset at) =>
        $"Root=1-{at.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))};Parent={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))};Sampled=0";
}
