using System.Text.Json;

namespace Mailflow.Core.Configuration;

/// <summary>
/// The API's auth and limits. Tokens are bearer JWTs signed RS256 or ES256 with a key from <see cref="JwksUrl"/> or
/// the inline <see cref="Jwks"/>; with neither, <c>mailflow run</c> uses the signing key it keeps in its data directory
/// (<c>mailflow token</c> prints tokens for it) and the API function refuses to start.
/// </summary>
public sealed record ApiConfig
{
    /// <summary>The <c>iss</c> every token must carry; under <c>mailflow run</c> without a JWKS, <see cref="LocalIssuer"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>Where the issuer publishes its signing keys (https, or http on a loopback address).</summary>
    public string? JwksUrl { get; set; }

    /// <summary>A JSON Web Key Set inline (public keys only).</summary>
    public JsonElement? Jwks { get; set; }

    /// <summary>The dashboard's origin (scheme://host[:port]), the only origin CORS allows; null allows none.</summary>
    public string? DashboardOrigin { get; set; }

    /// <summary>
    /// The claim that holds the caller's roles: a claim name (<c>roles</c>, <c>cognito:groups</c>), or a dotted path into
    /// nested JSON objects (<c>realm_access.roles</c>). A claim whose whole name matches is read first, so names with
    /// dots still work. Applies to an issuer's tokens only: <c>mailflow token</c> always writes <c>roles</c>.
    /// </summary>
    public string RolesClaim { get; set; } = DefaultRolesClaim;

    /// <summary>Requests per minute one token (or, without one, one client address) may make.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Whether the section names the issuer's keys (a URL or inline); without them mailflow run trusts its own key.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool NamesIssuerKeys => JwksUrl is not null || Jwks is not null;

    /// <summary>
    /// Why <c>mailflow run</c> cannot use this section with its own signing key, or null when it can: its tokens
    /// (<c>mailflow token</c>, the sign-in link) carry <c>roles</c>. Not a validation rule of the file, because on AWS
    /// the keys come from the function's environment, not from mailflow.json.
    /// </summary>
    public string? LocalKeyProblem() =>
        !NamesIssuerKeys && RolesClaim != DefaultRolesClaim
            ? $"$.api.rolesClaim: '{RolesClaim}' applies only with api.jwksUrl or api.jwks; without them mailflow run trusts its own key, whose tokens (mailflow token) carry roles. Remove it, or name the issuer's keys."
            : null;

    public const string DefaultAudience = "mailflow-api";
    public const string LocalIssuer = "mailflow-local";
    public const string DefaultRolesClaim = "roles";
}
