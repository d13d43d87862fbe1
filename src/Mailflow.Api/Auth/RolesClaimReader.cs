using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Mailflow.Api.Auth;

/// <summary>
/// Finds the caller's roles where the issuer puts them (<c>api.rolesClaim</c>): Entra ID and Mailflow's own tokens in
/// <c>roles</c>, Cognito in <c>cognito:groups</c>, Keycloak nested in <c>realm_access.roles</c>. The roles found become
/// the principal's <see cref="Roles.ClaimType"/> claims, which the policies read; with another claim configured, a
/// <c>roles</c> claim in the token counts for nothing (one source of roles, the one the issuer controls).
/// </summary>
public static class RolesClaimReader
{
    /// <summary>Replaces the principal's <see cref="Roles.ClaimType"/> claims with the values at <paramref name="path"/>.</summary>
    public static void Apply(ClaimsPrincipal? principal, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == Roles.ClaimType || principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }
        var roles = Read(identity.Claims, path);
        foreach (var claim in identity.FindAll(Roles.ClaimType).ToList())
        {
            identity.RemoveClaim(claim);
        }
        identity.AddClaims(roles.Select(role => new Claim(Roles.ClaimType, role)));
    }

    /// <summary>
    /// The string values at <paramref name="path"/>: the claims named exactly so (a JSON array arrives as one claim per
    /// element), else the dotted path followed into the JSON object claims. Anything that is not a string is ignored.
    /// </summary>
    public static IReadOnlyList<string> Read(IEnumerable<Claim> claims, string path)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var all = claims.ToList();
        var named = all.Where(c => c.Type == path).ToList();
        if (named.Count > 0)
        {
            return [.. named.Where(c => c.ValueType == ClaimValueTypes.String).Select(c => c.Value)];
        }
        var segments = path.Split('.');
        if (segments.Length < 2 || all.FirstOrDefault(c => c.Type == segments[0] && c.ValueType == JsonClaimValueTypes.Json) is not { } top)
        {
            return [];
        }
        using var document = JsonDocument.Parse(top.Value);
        var node = document.RootElement;
        foreach (var segment in segments.Skip(1))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node))
            {
                return [];
            }
        }
        return node.ValueKind switch
        {
            JsonValueKind.String => [node.GetString()!],
            JsonValueKind.Array => [.. node.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            _ => [],
        };
    }
}
