using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Api.Auth;

/// <summary>
/// The one place token validation rules are set (LESSONS.md: issuer and audience checks removed "to make it work" let any
/// token do everything). Nothing here can be relaxed by configuration: only the issuer, audience and keys vary.
/// </summary>
public static class TokenValidationFactory
{
    /// <summary>RS256 and ES256 only: never <c>none</c>, never HMAC (an HS256 token "signed" with a public key is a forgery).</summary>
    public static IReadOnlyList<string> Algorithms { get; } = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>Clock skew tolerated on <c>exp</c> and <c>nbf</c>.</summary>
    public static TimeSpan MaxClockSkew { get; } = TimeSpan.FromSeconds(60);

    /// <param name="keys">The issuer's keys when known up front (an inline JWKS); null when they come from a JWKS URL.</param>
    public static TokenValidationParameters Create(ApiAuthSettings settings, IEnumerable<SecurityKey>? keys)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = settings.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = MaxClockSkew,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [.. Algorithms],
            IssuerSigningKeys = keys?.ToList(),
            NameClaimType = "sub",
            RoleClaimType = Roles.ClaimType,
        };
    }
}
