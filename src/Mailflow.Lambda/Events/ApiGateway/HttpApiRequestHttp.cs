namespace Mailflow.Lambda.Events.ApiGateway;

/// <summary>The <c>requestContext.http</c> object: the request line and the client's address.</summary>
public sealed class HttpApiRequestHttp
{
    public string Method { get; set; } = "GET";

    /// <summary>The path API Gateway routed on; the bridge uses <see cref="HttpApiRequest.RawPath"/>, which keeps the client's encoding.</summary>
    public string Path { get; set; } = "/";

    public string Protocol { get; set; } = "HTTP/1.1";

    /// <summary>The address of the client that connected to API Gateway (a CloudFront edge when CloudFront is in front).</summary>
    public string? SourceIp { get; set; }

    public string? UserAgent { get; set; }
}
