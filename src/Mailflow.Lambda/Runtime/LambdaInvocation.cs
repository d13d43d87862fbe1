namespace Mailflow.Lambda.Runtime;

/// <summary>
/// One event from the Runtime API's <c>next</c> call, with the headers Lambda sends alongside it
/// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-next).
/// </summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id: names the invocation when posting its response or error.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms: when Lambda stops the function, whatever it is doing.</param>
/// <param name="FunctionArn">Lambda-Runtime-Invoked-Function-Arn: the function, version or alias that was invoked.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id: the X-Ray tracing header, when Lambda sent one.</param>
/// <param name="Body">The event exactly as the trigger sent it (usually JSON).</param>
public sealed record LambdaInvocation(string RequestId, DateTimeOffset Deadline, string FunctionArn, string? TraceId, byte[] Body);
