using Microsoft.Extensions.Logging;

namespace Mailflow.Lambda.AspNetCore;

/// <summary>The bridge's log events ([LoggerMessage]). Request ids and route keys only: paths and queries may carry addresses.</summary>
internal static partial class ApiGatewayServerLog
{
    [LoggerMessage(5100, LogLevel.Error, "Request {RequestId} ({Method} {RouteKey}) failed with an unhandled exception; answered 500")]
    public static partial void Unhandled(ILogger logger, string requestId, string method, string routeKey, Exception exception);

    [LoggerMessage(5101, LogLevel.Error, "An OnCompleted callback of request {RequestId} failed")]
    public static partial void CompletedCallbackFailed(ILogger logger, string requestId, Exception exception);
}
