using System.Net;

namespace Mailflow.Lambda.Runtime;

/// <summary>
/// The Runtime API answered, but not with success (e.g. 400 for an unknown request id, 403 for a second response,
/// 413 for a response over 6 MB, 500 "non-recoverable state, runtime should exit promptly"). A connection that fails
/// altogether surfaces as <see cref="HttpRequestException"/> instead: the runtime API went away.
/// </summary>
public sealed class LambdaRuntimeApiException : Exception
{
    public LambdaRuntimeApiException()
    {
    }

    public LambdaRuntimeApiException(string message)
        : base(message)
    {
    }

    public LambdaRuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LambdaRuntimeApiException(string message, HttpStatusCode? statusCode)
        : base(message) => StatusCode = statusCode;

    /// <summary>The Runtime API's status, or null when its answer lacked something the protocol requires.</summary>
    public HttpStatusCode? StatusCode { get; }
}
