namespace Mailflow.Lambda.Events.ApiGateway;

/// <summary>
/// A payload format 2.0 response. Format 2.0 has no <c>multiValueHeaders</c>: a header with several values is one
/// comma-joined value, and Set-Cookie values go to <see cref="Cookies"/>, which API Gateway sends as separate headers
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response).
/// </summary>
public sealed class HttpApiResponse
{
    public int StatusCode { get; set; } = 200;

    public IReadOnlyDictionary<string, string>? Headers { get; set; }

    public IReadOnlyList<string>? Cookies { get; set; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/>; API Gateway decodes it before sending.</summary>
    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }
}
