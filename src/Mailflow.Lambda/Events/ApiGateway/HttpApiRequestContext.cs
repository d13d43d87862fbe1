namespace Mailflow.Lambda.Events.ApiGateway;

/// <summary>The <c>requestContext</c> of a payload 2.0 request: who asked, through which API and stage, and when.</summary>
public sealed class HttpApiRequestContext
{
    public string? AccountId { get; set; }

    public string? ApiId { get; set; }

    public HttpApiAuthorizer? Authorizer { get; set; }

    public string? DomainName { get; set; }

    public string? DomainPrefix { get; set; }

    public HttpApiRequestHttp Http { get; set; } = new();

    /// <summary>API Gateway's id for the request, the one in its access logs; the bridge makes it the trace identifier.</summary>
    public string RequestId { get; set; } = "";

    public string? RouteKey { get; set; }

    public string Stage { get; set; } = "$default";

    /// <summary>The request time as text (<c>12/Mar/2020:19:03:58 +0000</c>); <see cref="TimeEpoch"/> says the same in milliseconds.</summary>
    public string? Time { get; set; }

    public long TimeEpoch { get; set; }
}
