namespace Mailflow.Lambda.Events.ApiGateway;

/// <summary>
/// An API Gateway HTTP API request in payload format 2.0
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.proxy-format).
/// Header names arrive lower-cased, repeated headers comma-joined into one value, and cookies apart from the headers.
/// </summary>
public sealed class HttpApiRequest
{
    public string Version { get; set; } = "2.0";

    /// <summary><c>$default</c> or <c>METHOD /path</c>: the route API Gateway matched.</summary>
    public string RouteKey { get; set; } = "$default";

    /// <summary>The path as the client sent it, percent-encoded, including the stage when the stage is not <c>$default</c>.</summary>
    public string RawPath { get; set; } = "/";

    /// <summary>The query without <c>?</c>, as the client sent it.</summary>
    public string RawQueryString { get; set; } = "";

    /// <summary>The Cookie header split into its <c>name=value</c> pairs.</summary>
    public IReadOnlyList<string>? Cookies { get; set; }

    public IReadOnlyDictionary<string, string>? Headers { get; set; }

    /// <summary>Decoded and comma-joined per name; <see cref="RawQueryString"/> is what the bridge uses, since it is exact.</summary>
    public IReadOnlyDictionary<string, string>? QueryStringParameters { get; set; }

    public IReadOnlyDictionary<string, string>? PathParameters { get; set; }

    public IReadOnlyDictionary<string, string>? StageVariables { get; set; }

    public HttpApiRequestContext RequestContext { get; set; } = new();

    /// <summary>The request body: text, or base64 when <see cref="IsBase64Encoded"/> (API Gateway's choice for non-text content).</summary>
    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }
}
