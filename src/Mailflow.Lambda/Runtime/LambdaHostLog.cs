using Microsoft.Extensions.Logging;

namespace Mailflow.Lambda.Runtime;

/// <summary>
/// The Lambda host's log events ([LoggerMessage]: structured, AOT-safe). Request ids and error types only; exception
/// messages go to the Runtime API, which logs them once.
/// </summary>
internal static partial class LambdaHostLog
{
    [LoggerMessage(5000, LogLevel.Critical, "{Variable} is not set: this executable is a Lambda bootstrap; run it on Lambda or under a runtime API harness")]
    public static partial void NoRuntimeApi(ILogger logger, string variable);

    [LoggerMessage(5001, LogLevel.Critical, "Initialization failed with {ErrorType}; reported to the Runtime API, exiting")]
    public static partial void InitFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(5002, LogLevel.Error, "Invocation {RequestId} failed with {ErrorType}")]
    public static partial void InvocationFailed(ILogger logger, string requestId, string errorType, Exception exception);

    [LoggerMessage(5003, LogLevel.Information, "The Runtime API went away ({Reason}); exiting")]
    public static partial void RuntimeApiGone(ILogger logger, string reason);

    [LoggerMessage(5004, LogLevel.Critical, "The Runtime API refused to serve events; exiting")]
    public static partial void RuntimeApiFailed(ILogger logger, Exception exception);

    [LoggerMessage(5005, LogLevel.Error, "The Runtime API did not take the result of invocation {RequestId}")]
    public static partial void ResultRejected(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(5006, LogLevel.Error, "Reporting the init error failed too")]
    public static partial void InitErrorNotReported(ILogger logger, Exception exception);
}
