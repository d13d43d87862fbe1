namespace Mailflow.Lambda.Events.ApiGateway;

/// <summary>What an authorizer attached to the route established; only the JWT authorizer is modelled.</summary>
public sealed class HttpApiAuthorizer
{
    public HttpApiJwtAuthorizer? Jwt { get; set; }
}
