namespace Mailflow.Lambda.Events.ApiGateway;

/// <summary>
/// The claims and scopes of a token API Gateway's JWT authorizer validated. API Gateway passes claim values as strings;
/// the API still validates tokens itself, so this is information, not authority.
/// </summary>
public sealed class HttpApiJwtAuthorizer
{
    public IReadOnlyDictionary<string, string>? Claims { get; set; }

    public IReadOnlyList<string>? Scopes { get; set; }
}
