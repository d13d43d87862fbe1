namespace Mailflow.Testing.Stubs;

/// <summary>What <see cref="StubHttpServer"/> answers: a status, headers (e.g. <c>x-amzn-ErrorType</c>), a body, after an optional delay.</summary>
public sealed record StubResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static StubResponse Sent(string messageId) => new(200, $$"""{"MessageId":"{{messageId}}"}""");

    /// <summary>An SES v2 error as restJson1 sends it: the type in <c>x-amzn-ErrorType</c>, the text in <c>message</c>.</summary>
    public static StubResponse Error(int status, string type, string message) => new(
        status,
        $$"""{"message":"{{message}}"}""",
        new Dictionary<string, string> { ["x-amzn-ErrorType"] = $"{type}:http://internal.amazon.com/coral/com.amazonaws.sesv2/" });
}
