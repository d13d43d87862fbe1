using System.Text.Json;
using Mailflow.Core.Configuration;

namespace Mailflow.Core.Dashboard;

/// <summary>
/// The dashboard's <c>/config.json</c>, which the page reads at start-up (docs/dashboard.md, "Settings (config.json)"):
/// where the API is, which environment this is, and how to sign in. <c>mailflow run</c> serves it and the CDK stack
/// deploys it next to index.html; both build it from mailflow.json.
/// </summary>
/// <param name="ApiBaseUrl">The API's base URL without a trailing slash; empty when the API is on the page's own origin.</param>
/// <param name="Environment">The environment's name: <c>local</c> under <c>mailflow run</c>.</param>
/// <param name="Oidc">Sign-in through an OpenID Connect provider; null when only pasted tokens are offered.</param>
/// <param name="RolesClaim">The claim the page reads the signed-in person's roles from, as the API does (<c>api.rolesClaim</c>).</param>
public sealed record DashboardSettings(string ApiBaseUrl, string Environment, DashboardOidcSettings? Oidc, string RolesClaim)
{
    /// <summary>The settings for <paramref name="config"/>'s dashboard section, with its defaults applied.</summary>
    /// <param name="apiBaseUrl">The API's base URL, or "" for the same origin.</param>
    /// <param name="environment">The environment's name.</param>
    /// <exception cref="ArgumentException">The OIDC section lacks its issuer or client id (the validator reports those first).</exception>
    public static DashboardSettings For(MailflowConfig config, string apiBaseUrl, string environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        var oidc = config.Dashboard?.Oidc is { } section ? DashboardOidcSettings.From(section) : null;
        return new DashboardSettings(apiBaseUrl.TrimEnd('/'), environment, oidc, config.Api.RolesClaim);
    }

    /// <summary>
    /// The origins the page fetches from to sign in, for the CSP's connect-src of whoever serves it: the issuer's
    /// (discovery, OpenID Connect Discovery 1.0 §4) and <c>dashboard.oidc.tokenEndpointOrigin</c> when given (RFC 6749
    /// §3.2); none without OIDC. The CDK stack computes the same list for CloudFront.
    /// </summary>
    public static IReadOnlyList<string> SignInOrigins(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Dashboard?.Oidc is not { } oidc || !Uri.TryCreate(oidc.Issuer, UriKind.Absolute, out var issuer))
        {
            return [];
        }
        return new[] { issuer.GetLeftPart(UriPartial.Authority), oidc.TokenEndpointOrigin }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The page's Content-Security-Policy on both hosts (CloudFront's response headers on AWS, <c>mailflow run</c>
    /// locally): scripts, styles, images and fonts from the page itself only (it vendors uPlot: no CDN), calls to
    /// <paramref name="connectSources"/> besides itself, never framed, no plugins.
    /// </summary>
    /// <param name="connectSources">The API's origin when it is elsewhere, and <see cref="SignInOrigins"/>.</param>
    public static string ContentSecurityPolicy(IEnumerable<string> connectSources)
    {
        var connect = string.Join(' ', (connectSources ?? []).Prepend("'self'").Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src {connect}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>The config.json document (camelCase, <c>"oidc": null</c> when sign-in through a provider is off).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DashboardSettingsJsonContext.Default.DashboardSettings);
}
