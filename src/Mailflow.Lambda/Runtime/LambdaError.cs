using System.Text.Json.Serialization;

namespace Mailflow.Lambda.Runtime;

/// <summary>
/// The error body the Runtime API takes for init and invocation errors:
/// <c>{"errorMessage":"…","errorType":"…","stackTrace":[]}</c>
/// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-invokeerror).
/// Lambda shows it to the caller and logs it, so the message should say what happened and what to do.
/// </summary>
/// <param name="ErrorType">
/// Sent as <c>errorType</c> and as the Lambda-Runtime-Function-Error-Type header: the exception's type name for
/// exceptions, a <c>Category.Reason</c> name (the format the Runtime API docs recommend) otherwise.
/// </param>
public sealed record LambdaError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType)
{
    public const string DeadlineExceededType = "Function.DeadlineExceeded";

    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>An exception as an error: its type name, its message (after <paramref name="prefix"/>) and its stack frames.</summary>
    public static LambdaError FromException(Exception exception, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var stack = exception.StackTrace?
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new LambdaError(prefix + exception.Message, exception.GetType().Name) { StackTrace = stack };
    }

    /// <summary>The handler did not finish before the deadline: Lambda would stop it anyway, so the host reports it first.</summary>
    public static LambdaError DeadlineExceeded(DateTimeOffset deadline) => new(
        $"The invocation did not finish before its deadline {deadline:O} and was cancelled. Raise the function timeout, or make the handler return partial results before its deadline.",
        DeadlineExceededType);
}
