namespace Mailflow.Core.Configuration;

public static partial class ConfigValidator
{
    private static void ValidateDashboard(DashboardConfig dashboard, Action<string, string> problem)
    {
        if (dashboard.Oidc is not { } oidc)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(oidc.Issuer))
        {
            problem("$.dashboard.oidc.issuer", "is required; give the provider's issuer URL, whose /.well-known/openid-configuration the page reads.");
        }
        else if (!IsSecureUrl(oidc.Issuer, out _))
        {
            problem("$.dashboard.oidc.issuer", $"'{oidc.Issuer}' is not an absolute https URL (http is allowed on a loopback address only: a sign-in in clear could be intercepted).");
        }
        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            problem("$.dashboard.oidc.clientId", "is required; give the client id the provider registered for the dashboard (a public client, no secret).");
        }
        if (oidc.Scopes is null || !oidc.Scopes.Contains(OidcSignInConfig.OpenIdScope, StringComparer.Ordinal))
        {
            problem("$.dashboard.oidc.scopes", "must include \"openid\": without it the provider does not run OpenID Connect (OpenID Connect Core 1.0 §3.1.2.1).");
        }
        else
        {
            for (var i = 0; i < oidc.Scopes.Count; i++)
            {
                // RFC 6749 §3.3: a scope token is printable ASCII without space, double quote or backslash.
                if (string.IsNullOrEmpty(oidc.Scopes[i]) || oidc.Scopes[i].Any(c => c is <= ' ' or > '~' or '"' or '\\'))
                {
                    problem($"$.dashboard.oidc.scopes[{i}]", $"'{oidc.Scopes[i]}' is not a scope; a scope is one word of printable ASCII without spaces, quotes or backslashes (RFC 6749 §3.3).");
                }
            }
        }
        if (oidc.Token is not (OidcSignInConfig.AccessToken or OidcSignInConfig.IdToken))
        {
            problem("$.dashboard.oidc.token", $"'{oidc.Token}' is not a token the page can send; use \"access_token\" (default) or \"id_token\".");
        }
        if (oidc.TokenEndpointOrigin is { } origin && (!IsSecureUrl(origin, out var uri) || uri.PathAndQuery != "/" || origin.EndsWith('/')))
        {
            problem("$.dashboard.oidc.tokenEndpointOrigin", $"'{origin}' is not an https origin; give scheme://host[:port] without a path, e.g. https://acme.auth.eu-west-1.amazoncognito.com.");
        }
    }

    /// <summary>An absolute https URL, or http on a loopback address (a provider on the developer's machine).</summary>
    private static bool IsSecureUrl(string text, out Uri uri)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            uri = null!;
            return false;
        }
        uri = parsed;
        return parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback);
    }
}
