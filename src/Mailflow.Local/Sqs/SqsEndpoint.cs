using System.Text.Json;
using Mailflow.Local.Queues;
using Mailflow.Local.Sqs.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Sqs;

/// <summary>
/// The AWS JSON 1.0 protocol in front of the actions: <c>POST /</c> with <c>X-Amz-Target: AmazonSQS.{Action}</c> and a
/// JSON body goes to that action's handler (<see cref="SqsActions"/>); the answer is 200 with its JSON, or SQS's error
/// shape (<see cref="SqsError"/>). The SigV4 Authorization header is accepted and not verified: the endpoint is bound
/// to loopback and serves the local queues of one developer's machine.
/// </summary>
internal sealed class SqsEndpoint(IQueueEngine engine, Func<SqsQueueAddresses> addresses, ILogger logger, CancellationToken stopping)
{
    public const string ContentType = "application/x-amz-json-1.0";
    private const string TargetPrefix = "AmazonSQS.";
    private static readonly byte[] s_emptyObject = "{}"u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var action = "(unresolved)";
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            (action, var handler) = Resolve(context.Request);
            var body = await ReadBodyAsync(context.Request, cancellation.Token);
            var reply = await handler(new SqsCall(engine, addresses(), body, cancellation.Token));
            await WriteAsync(context, StatusCodes.Status200OK, reply.Body);
        }
        catch (SqsError error)
        {
            await WriteErrorAsync(context, error);
        }
        catch (QueueEngineException refused)
        {
            await WriteErrorAsync(context, SqsError.From(refused));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a long poll it gave up on): nobody to answer.
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await WriteErrorAsync(context, new SqsError("ServiceUnavailable", "The endpoint is shutting down. Retry when mailflow runs again."));
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            SqsLog.Failed(logger, action, exception);
            await WriteErrorAsync(context, new SqsError("InternalFailure", $"{action} failed inside Mailflow: {exception.Message}. See the mailflow log."));
        }
    }

    private static (string Action, SqsAction Handler) Resolve(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || request.HasFormContentType)
        {
            throw new SqsError("UnsupportedProtocol",
                "This is Mailflow's SQS-compatible endpoint: it speaks the AWS JSON 1.0 protocol (POST, Content-Type: application/x-amz-json-1.0, "
                + "X-Amz-Target: AmazonSQS.<Action>), which the AWS SDKs use since SQS adopted it in November 2023; the older query protocol (Action=…) is not served.");
        }
        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length == 0)
        {
            throw new SqsError("MissingAction", "The request has no X-Amz-Target header; AWS JSON 1.0 names the action there: X-Amz-Target: AmazonSQS.<Action>.");
        }
        var name = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        return SqsActions.ByName.TryGetValue(name, out var handler)
            ? (name, handler)
            : throw new SqsError("InvalidAction",
                $"The action {target} is not valid for this endpoint. It serves {string.Join(", ", SqsActions.ByName.Keys.Order(StringComparer.Ordinal))}; "
                + "local queues come from mailflow.json, so CreateQueue, DeleteQueue and SetQueueAttributes are not among them.");
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new SqsError("RequestEntityTooLarge", $"The request body is larger than the endpoint accepts ({SqsServer.MaxRequestBodyBytes} bytes).");
        }
        return buffer.Length == 0 ? s_emptyObject : buffer.ToArray();
    }

    private static Task WriteErrorAsync(HttpContext context, SqsError error)
    {
        context.Response.Headers["x-amzn-query-error"] = error.QueryErrorHeader;
        var body = new ErrorBody($"com.amazonaws.sqs#{error.Code}", error.Message);
        return WriteAsync(context, error.StatusCode, JsonSerializer.SerializeToUtf8Bytes(body, SqsJsonContext.Default.ErrorBody));
    }

    private static async Task WriteAsync(HttpContext context, int statusCode, byte[] body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
