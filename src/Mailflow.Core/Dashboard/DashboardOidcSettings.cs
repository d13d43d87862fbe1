using Mailflow.Core.Configuration;

namespace Mailflow.Core.Dashboard;

/// <summary>The <c>oidc</c> member of the dashboard's config.json: what the page needs to run the code flow with PKCE.</summary>
/// <param name="Issuer">Where the page reads <c>/.well-known/openid-configuration</c>.</param>
/// <param name="ClientId">The dashboard's public client id.</param>
/// <param name="Scopes">The scopes to ask for, <c>openid</c> among them.</param>
/// <param name="Token"><c>access_token</c> or <c>id_token</c>: which token the page sends to the API.</param>
public sealed record DashboardOidcSettings(string Issuer, string ClientId, IReadOnlyList<string> Scopes, string Token)
{
    /// <exception cref="ArgumentException">The section lacks its issuer or client id.</exception>
    public static DashboardOidcSettings From(OidcSignInConfig oidc)
    {
        ArgumentNullException.ThrowIfNull(oidc);
        ArgumentException.ThrowIfNullOrWhiteSpace(oidc.Issuer, "dashboard.oidc.issuer");
        ArgumentException.ThrowIfNullOrWhiteSpace(oidc.ClientId, "dashboard.oidc.clientId");
        return new DashboardOidcSettings(oidc.Issuer, oidc.ClientId, oidc.Scopes ?? [OidcSignInConfig.OpenIdScope], oidc.Token ?? OidcSignInConfig.AccessToken);
    }
}
