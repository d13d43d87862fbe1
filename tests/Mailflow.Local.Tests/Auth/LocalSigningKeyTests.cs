using System.Text.Json;
using Mailflow.Local.Auth;
using Mailflow.Local.Storage;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Local.Tests.Auth;

/// <summary>
/// The local API signing key: tokens it mints validate, with Microsoft.IdentityModel as the API validates them, against
/// the JWKS it publishes; it survives restarts; a damaged key file is explained; the private key is owner-only.
/// </summary>
public sealed class LocalSigningKeyTests : IDisposable
{
    private const string Issuer = "mailflow-local";
    private const string Audience = "mailflow-api";
    private readonly DataDirectory _data = new(Directory.CreateTempSubdirectory("mailflow-key-").FullName);

    public void Dispose() => Directory.Delete(_data.Root, recursive: true);

    private string KeyFile => Path.Combine(_data.Root, LocalSigningKey.FileName);

    /// <summary>What the API checks (issue 7): ES256 only, issuer, audience, lifetime with at most 60 s skew, keys from the JWKS.</summary>
    private static TokenValidationParameters Parameters(string jwksJson) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKeys = new JsonWebKeySet(jwksJson).GetSigningKeys(),
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(60),
    };

    private static Task<TokenValidationResult> ValidateAsync(string token, TokenValidationParameters parameters) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

    [Fact]
    public async Task A_minted_token_validates_against_the_published_JWKS_and_carries_subject_role_and_lifetime()
    {
        using var key = LocalSigningKey.LoadOrCreate(_data);
        var now = TimeProvider.System.GetUtcNow();

        var token = key.Mint("ann", "operator", TimeSpan.FromHours(1), TimeProvider.System, Issuer, Audience);

        var result = await ValidateAsync(token, Parameters(key.PublicJwksJson));
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = new JsonWebToken(token);
        Assert.Equal(("ES256", key.KeyId), (jwt.Alg, jwt.Kid));
        Assert.Equal("ann", jwt.Subject);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        Assert.Equal(JsonValueKind.Array, payload.RootElement.GetProperty("roles").ValueKind);
        Assert.Equal(["operator"], payload.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.InRange(jwt.ValidTo, now.UtcDateTime.AddHours(1).AddSeconds(-2), now.UtcDateTime.AddHours(1).AddSeconds(2));
        Assert.Equal(jwt.IssuedAt, jwt.ValidFrom);
    }

    [Fact]
    public async Task A_token_is_refused_when_expired_or_for_another_audience_or_issuer()
    {
        using var key = LocalSigningKey.LoadOrCreate(_data);
        var twoHoursAgo = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddHours(-2));

        var expired = key.Mint("ann", "viewer", TimeSpan.FromHours(1), twoHoursAgo, Issuer, Audience);
        var otherAudience = key.Mint("ann", "viewer", TimeSpan.FromHours(1), TimeProvider.System, Issuer, "someone-else");
        var otherIssuer = key.Mint("ann", "viewer", TimeSpan.FromHours(1), TimeProvider.System, "https://issuer.example", Audience);

        Assert.IsType<SecurityTokenExpiredException>((await ValidateAsync(expired, Parameters(key.PublicJwksJson))).Exception);
        Assert.IsType<SecurityTokenInvalidAudienceException>((await ValidateAsync(otherAudience, Parameters(key.PublicJwksJson))).Exception);
        Assert.IsType<SecurityTokenInvalidIssuerException>((await ValidateAsync(otherIssuer, Parameters(key.PublicJwksJson))).Exception);
    }

    [Fact]
    public async Task Another_data_directorys_key_does_not_validate_this_ones_tokens()
    {
        using var key = LocalSigningKey.LoadOrCreate(_data);
        var otherRoot = Directory.CreateTempSubdirectory("mailflow-key-other-").FullName;
        try
        {
            using var other = LocalSigningKey.LoadOrCreate(new DataDirectory(otherRoot));

            var token = other.Mint("ann", "admin", TimeSpan.FromMinutes(5), TimeProvider.System, Issuer, Audience);

            Assert.False((await ValidateAsync(token, Parameters(key.PublicJwksJson))).IsValid);
        }
        finally
        {
            Directory.Delete(otherRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Loading_again_gives_the_same_key_so_tokens_survive_a_restart()
    {
        string token;
        string keyId;
        using (var first = LocalSigningKey.LoadOrCreate(_data))
        {
            token = first.Mint("ann", "viewer", TimeSpan.FromHours(1), TimeProvider.System, Issuer, Audience);
            keyId = first.KeyId;
        }

        using var second = LocalSigningKey.LoadOrCreate(_data);

        Assert.Equal(keyId, second.KeyId);
        Assert.True((await ValidateAsync(token, Parameters(second.PublicJwksJson))).IsValid);
    }

    [Fact]
    public void The_key_id_is_the_RFC_7638_thumbprint_and_the_JWKS_holds_the_public_key_only()
    {
        using var key = LocalSigningKey.LoadOrCreate(_data);

        var jwk = Assert.Single(new JsonWebKeySet(key.PublicJwksJson).Keys);
        Assert.Equal(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.KeyId);
        Assert.Equal(("EC", "P-256", key.KeyId, "sig", "ES256"), (jwk.Kty, jwk.Crv, jwk.Kid, jwk.Use, jwk.Alg));
        Assert.False(jwk.HasPrivateKey);
        using var jwks = JsonDocument.Parse(key.PublicJwksJson);
        Assert.Equal(["kty", "crv", "x", "y", "kid", "use", "alg"],
            jwks.RootElement.GetProperty("keys")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_key_file_is_readable_and_writable_by_its_owner_only()
    {
        using var key = LocalSigningKey.LoadOrCreate(_data);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal([LocalSigningKey.FileName], Directory.GetFiles(_data.Root).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("not json at all", "it is not JSON")]
    [InlineData("[]", "it is not an EC P-256 JSON Web Key")]
    [InlineData("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""", "it is not an EC P-256 JSON Web Key")]
    [InlineData("""{"kty":"EC","crv":"P-384","x":"AA","y":"AA","d":"AA"}""", "it is not an EC P-256 JSON Web Key")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}""", "is 3 bytes, not 32")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "\"d\" member is missing")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","d":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "not a P-256 key pair")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"!!","y":"AA","d":"AA"}""", "not base64url")]
    public void A_damaged_key_file_is_named_with_what_is_wrong_and_what_to_do(string content, string why)
    {
        File.WriteAllText(KeyFile, content);

        var error = Assert.Throws<InvalidDataException>(() => LocalSigningKey.LoadOrCreate(_data));

        Assert.Contains(KeyFile, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete the file", error.Message, StringComparison.Ordinal);
        Assert.Contains("tokens signed by the old key then stop working", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(KeyFile));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(30 * 24 * 60 + 1)]
    public void A_lifetime_of_nothing_or_over_30_days_is_refused(int minutes)
    {
        using var key = LocalSigningKey.LoadOrCreate(_data);

        Assert.Throws<ArgumentOutOfRangeException>(() => key.Mint("ann", "viewer", TimeSpan.FromMinutes(minutes), TimeProvider.System, Issuer, Audience));
    }
}
