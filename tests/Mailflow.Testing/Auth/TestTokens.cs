using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Testing.Auth;

/// <summary>
/// Real JWTs for the API's tests, valid by default, each property of the token changeable to forge a bad one; more
/// claims (an issuer's own roles claim, say) can be added or override <c>sub</c> and <c>roles</c>.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "mailflow-api";

    public static string Mint(
        string? role,
        string? subject = "tester",
        string issuer = Issuer,
        string audience = Audience,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        SecurityKey? key = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        IReadOnlyDictionary<string, object>? claims = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var payload = new Dictionary<string, object>();
        if (subject is not null)
        {
            payload["sub"] = subject;
        }
        if (role is not null)
        {
            payload["roles"] = new[] { role };
        }
        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payload[name] = value;
        }
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = payload,
            IssuedAt = (notBefore ?? now).UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials(key ?? TestKeys.Rsa, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with <c>alg: none</c> and no signature (RFC 7519 §6): must never be accepted.</summary>
    public static string AlgNone(string role)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var header = Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Encode($$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"forger","roles":["{{role}}"],"nbf":{{now - 60}},"exp":{{now + 3600}}}""");
        return $"{header}.{payload}.";
    }

    /// <summary>
    /// An HS256 token whose HMAC secret is the trusted RSA public key: the key-confusion forgery, accepted by servers that
    /// let the token choose the algorithm.
    /// </summary>
    public static string HmacWithPublicKey(string role) =>
        Mint(role, key: new SymmetricSecurityKey(TestKeys.RsaPublicKeyBytes) { KeyId = TestKeys.Rsa.KeyId }, algorithm: SecurityAlgorithms.HmacSha256);

    /// <summary>A valid token with one signature character changed.</summary>
    public static string Tampered(string role)
    {
        var token = Mint(role);
        var last = token[^2] == 'A' ? 'B' : 'A';
        return string.Concat(token.AsSpan(0, token.Length - 2), last.ToString(), token.AsSpan(token.Length - 1));
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static ClaimsPrincipal Principal(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(role => new Claim("roles", role)).Append(new Claim("sub", "tester")), "test"));
}
