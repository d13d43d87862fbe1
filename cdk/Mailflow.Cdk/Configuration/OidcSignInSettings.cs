namespace Mailflow.Cdk.Configuration;

/// <summary>
/// <c>dashboard.oidc</c> of mailflow.json (Mailflow.Core's OidcSignInConfig, validated there in full by
/// <c>mailflow config check</c>): the page's public client. Defaults equal the schema's.
/// </summary>
public sealed record OidcSignInSettings
{
    public string Issuer { get; init; } = "";
    public string ClientId { get; init; } = "";
    public IReadOnlyList<string> Scopes { get; init; } = ["openid"];
    public string Token { get; init; } = "access_token";

    /// <summary>The token endpoint's origin when it is not the issuer's (Cognito's hosted domain); added to the CSP.</summary>
    public string? TokenEndpointOrigin { get; init; }

    /// <summary>
    /// The origins the page fetches from to sign in: the issuer's (discovery, OpenID Connect Discovery 1.0 §4) and the
    /// token endpoint's (RFC 6749 §3.2; the authorization endpoint is a navigation, which connect-src does not govern).
    /// </summary>
    public IReadOnlyList<string> ConnectOrigins =>
        new[] { new Uri(Issuer).GetLeftPart(UriPartial.Authority), TokenEndpointOrigin }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
}
