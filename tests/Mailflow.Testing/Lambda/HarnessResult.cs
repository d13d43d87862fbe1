using System.Text;

namespace Mailflow.Testing.Lambda;

/// <summary>One post the function made to the harness, as received.</summary>
/// <param name="RequestId">The invocation it answers; null for an init error.</param>
/// <param name="Body">The posted bytes, exactly.</param>
/// <param name="ErrorType">The Lambda-Runtime-Function-Error-Type header, when the function sent one.</param>
/// <param name="Elapsed">From <c>InvokeAsync</c> to the post; for an init error, from the process start (or the server start).</param>
/// <param name="Headers">The request headers of the post (multiple values comma-joined).</param>
public sealed record HarnessResult(
    HarnessResultKind Kind,
    string? RequestId,
    byte[] Body,
    string? ErrorType,
    TimeSpan Elapsed,
    DateTimeOffset PostedAt,
    IReadOnlyDictionary<string, string> Headers)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
