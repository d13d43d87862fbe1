using System.Text.RegularExpressions;

namespace Mailflow.Core.Configuration;

public static partial class ConfigValidator
{
    private static void ValidateApi(ApiConfig api, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(api.Audience))
        {
            problem("$.api.audience", "is empty; give the aud your tokens carry (default mailflow-api).");
        }
        if (api.Issuer is { } issuer && string.IsNullOrWhiteSpace(issuer))
        {
            problem("$.api.issuer", "is empty; give the iss your tokens carry, or remove it.");
        }
        if (!api.NamesIssuerKeys && api.Issuer is not null)
        {
            problem("$.api.issuer", "applies only with api.jwksUrl or api.jwks; without them mailflow run trusts its own key, whose tokens (mailflow token) are issued as mailflow-local. Remove it, or name the issuer's keys.");
        }
        if (api.NamesIssuerKeys && api.Issuer is null)
        {
            problem("$.api.issuer", "is required with api.jwksUrl or api.jwks: tokens are checked against the issuer that signed them.");
        }
        if (api.JwksUrl is { } url && !IsSecureUrl(url, out _))
        {
            problem("$.api.jwksUrl", $"'{url}' is not an https URL (http is allowed on a loopback address only: keys fetched in clear could be replaced).");
        }
        if (api.Jwks is { } inline && (inline.ValueKind != System.Text.Json.JsonValueKind.Object || !inline.TryGetProperty("keys", out var keys)
            || keys.ValueKind != System.Text.Json.JsonValueKind.Array || keys.GetArrayLength() == 0))
        {
            problem("$.api.jwks", "is not a JSON Web Key Set; give {\"keys\": [ …public keys… ]} (RFC 7517 §5).");
        }
        if (api.DashboardOrigin is { } origin && (!Uri.TryCreate(origin, UriKind.Absolute, out var dashboard)
            || (dashboard.Scheme != Uri.UriSchemeHttp && dashboard.Scheme != Uri.UriSchemeHttps) || dashboard.PathAndQuery != "/" || origin.EndsWith('/')))
        {
            problem("$.api.dashboardOrigin", $"'{origin}' is not an origin; give scheme://host[:port] without a path, e.g. https://mailflow.example.com.");
        }
        if (api.RolesClaim is null || !RolesClaimPath().IsMatch(api.RolesClaim))
        {
            problem("$.api.rolesClaim", $"'{api.RolesClaim}' is not a claim name or dotted path; give e.g. roles, cognito:groups or realm_access.roles (no spaces, no empty segments).");
        }
        if (api.RequestsPerMinute is < 1 or > 100_000)
        {
            problem("$.api.requestsPerMinute", $"{api.RequestsPerMinute} is out of range; use 1 to 100000.");
        }
    }

    /// <summary>A claim name, or names joined by dots into nested JSON objects: no whitespace, no empty segment.</summary>
    [GeneratedRegex(@"^[^.\s]+(\.[^.\s]+)*$")]
    private static partial Regex RolesClaimPath();
}
