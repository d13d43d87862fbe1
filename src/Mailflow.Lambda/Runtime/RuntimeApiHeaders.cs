namespace Mailflow.Lambda.Runtime;

/// <summary>Header names of the Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html).</summary>
public static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The environment variable X-Ray SDKs read the current trace header from; the runtime sets it per invocation.</summary>
    public const string TraceIdEnvironmentVariable = "_X_AMZN_TRACE_ID";

    /// <summary>host:port of the Runtime API, set by Lambda in the function's environment.</summary>
    public const string RuntimeApiEnvironmentVariable = "AWS_LAMBDA_RUNTIME_API";
}
