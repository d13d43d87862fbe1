using Mailflow.Core.Configuration;

namespace Mailflow.Api.Auth;

/// <summary>
/// Whose tokens the API accepts: the issuer, the audience, and where the issuer's public keys are (a JWKS URL, or a
/// JWKS inline). Each host builds one: <c>mailflow run</c> from <c>api</c> in mailflow.json or its own local key, the
/// API function from its environment.
/// </summary>
/// <param name="RolesClaim">Where tokens carry the caller's roles (<see cref="RolesClaimReader"/>).</param>
public sealed record ApiAuthSettings(string Issuer, string Audience, Uri? JwksUrl, string? JwksJson, string RolesClaim = Roles.ClaimType)
{
    /// <summary>
    /// From the config's <c>api</c> section; <paramref name="localJwksJson"/> (the data directory's key) is used when the
    /// config names no keys, and then the issuer is <see cref="ApiConfig.LocalIssuer"/>, the one <c>mailflow token</c>
    /// signs as, and the roles are in <c>roles</c>, where it writes them (the validator refuses <c>api.issuer</c> and
    /// <c>api.rolesClaim</c> without keys).
    /// </summary>
    public static ApiAuthSettings FromConfig(ApiConfig api, string? localJwksJson)
    {
        ArgumentNullException.ThrowIfNull(api);
        var inline = api.Jwks is { } jwks ? jwks.GetRawText() : null;
        var url = api.JwksUrl is { } text ? new Uri(text, UriKind.Absolute) : null;
        if (url is null && inline is null)
        {
            inline = localJwksJson ?? throw new InvalidOperationException(
                "The API has no signing keys to trust: set api.jwksUrl or api.jwks in mailflow.json.");
            return new ApiAuthSettings(ApiConfig.LocalIssuer, api.Audience, null, inline);
        }
        return new ApiAuthSettings(api.Issuer ?? throw new InvalidOperationException(
            "api.issuer is required with api.jwksUrl or api.jwks: tokens are checked against the issuer that signed them."), api.Audience, url, inline, api.RolesClaim);
    }
}
