namespace Mailflow.Lambda.Runtime;

/// <summary>
/// What a function does with one invocation: event bytes in, response bytes out. <see cref="LambdaHost"/> posts the
/// result to the Runtime API; an exception becomes an invocation error, so a handler throws for "this invocation failed"
/// and returns normally for partial outcomes it reports itself (an SQS batch response, an HTTP 500).
/// </summary>
public interface ILambdaHandler
{
    /// <param name="cancellationToken">Cancelled at the invocation's deadline (<see cref="LambdaInvocation.Deadline"/>).</param>
    Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken);
}
