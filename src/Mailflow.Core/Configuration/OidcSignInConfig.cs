namespace Mailflow.Core.Configuration;

/// <summary>
/// The dashboard's OpenID Connect sign-in: a public client (no secret: the page is static and anyone can read it) that
/// uses the authorization code flow with PKCE (RFC 7636; OAuth 2.0 for Browser-Based Apps requires it for public clients).
/// The API must trust the same issuer (<c>api.issuer</c>, or cdk.json's <c>jwtIssuer</c> on AWS) and find the roles
/// in <c>api.rolesClaim</c>.
/// </summary>
public sealed record OidcSignInConfig
{
    /// <summary>The issuer URL; the page fetches <c>{issuer}/.well-known/openid-configuration</c> (OpenID Connect Discovery 1.0 §4).</summary>
    public string? Issuer { get; set; }

    /// <summary>The client id registered with the provider for the dashboard, as a public client.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scopes the page asks for; must include <c>openid</c>.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [OpenIdScope];

    /// <summary>Which token the page sends to the API as its bearer token: <see cref="AccessToken"/> or <see cref="IdToken"/>.</summary>
    public string Token { get; set; } = AccessToken;

    /// <summary>
    /// The origin of the provider's token endpoint when it is not the issuer's (Cognito's hosted domain is): the CDK
    /// stack adds it to the dashboard's CSP connect-src. Not part of config.json.
    /// </summary>
    public string? TokenEndpointOrigin { get; set; }

    public const string OpenIdScope = "openid";
    public const string AccessToken = "access_token";
    public const string IdToken = "id_token";
}
