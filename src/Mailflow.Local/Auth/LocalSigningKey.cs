using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mailflow.Local.Storage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Local.Auth;

/// <summary>
/// The key that signs API tokens under <c>mailflow run</c>: an ES256 (P-256) key kept in the data directory as a private
/// JWK (RFC 7517), owner-only, created on first use. Its public half is published as a JWKS at
/// <c>/.well-known/jwks.json</c>; <c>mailflow token</c> mints tokens with it. The key id is the key's RFC 7638 thumbprint,
/// so it names this key and no other.
/// </summary>
public sealed class LocalSigningKey : IDisposable
{
    public const string FileName = "api-signing-key.json";
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>The longest a minted token may live: a leaked local token should not outlive a month.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    private const int CoordinateBytes = 32;
    private readonly ECDsa _key;
    private readonly SigningCredentials _credentials;

    private LocalSigningKey(ECDsa key, string path)
    {
        _key = key;
        Path = path;
        var parameters = key.ExportParameters(includePrivateParameters: false);
        KeyId = Thumbprint(parameters);
        PublicJwksJson = Jwks(parameters, KeyId);
        _credentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = KeyId }, Algorithm);
    }

    /// <summary>The key file.</summary>
    public string Path { get; }

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key; tokens name it in their <c>kid</c> header.</summary>
    public string KeyId { get; }

    /// <summary>A JWKS holding the public key only (RFC 7517 §5).</summary>
    public string PublicJwksJson { get; }

    /// <summary>Loads the data directory's key, or creates it when there is none.</summary>
    /// <exception cref="InvalidDataException">The key file exists but does not hold a P-256 private JWK; the message says what to do.</exception>
    public static LocalSigningKey LoadOrCreate(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var path = System.IO.Path.Combine(data.Root, FileName);
        if (!File.Exists(path))
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var parameters = created.ExportParameters(includePrivateParameters: true);
            using var content = new MemoryStream(PrivateJwk(parameters, Thumbprint(parameters)));
            // Created owner-only before the key is written; if another process (`mailflow run` and `mailflow token` at
            // once) created it first, its key stands and is loaded below.
            DurableFile.CreateNewAsync(path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite, CancellationToken.None).GetAwaiter().GetResult();
        }
        return Load(path);
    }

    /// <summary>A compact JWS (RFC 7515) with <c>iss</c>, <c>aud</c>, <c>sub</c>, <c>roles</c> (one role), <c>iat</c>, <c>nbf</c>, <c>exp</c> and <c>jti</c>.</summary>
    public string Mint(string subject, string role, TimeSpan ttl, TimeProvider time, string issuer, string audience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        if (ttl <= TimeSpan.Zero || ttl > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, $"A token lives more than nothing and at most {MaxLifetime.TotalDays} days.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + ttl,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                ["roles"] = new[] { role },
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = _credentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose() => _key.Dispose();

    private static LocalSigningKey Load(string path)
    {
        ECParameters parameters;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var jwk = document.RootElement;
            if (jwk.ValueKind != JsonValueKind.Object || Member(jwk, "kty") != "EC" || Member(jwk, "crv") != "P-256")
            {
                throw Corrupt(path, "it is not an EC P-256 JSON Web Key");
            }
            parameters = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Coordinate(jwk, "x", path), Y = Coordinate(jwk, "y", path) },
                D = Coordinate(jwk, "d", path),
            };
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, $"it is not JSON ({ex.Message})", ex);
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportParameters(parameters);
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw Corrupt(path, "its coordinates are not a P-256 key pair", ex);
        }
        return new LocalSigningKey(key, path);
    }

    private static string? Member(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Coordinate(JsonElement jwk, string name, string path)
    {
        var text = Member(jwk, name) ?? throw Corrupt(path, $"its \"{name}\" member is missing");
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException ex)
        {
            throw Corrupt(path, $"its \"{name}\" member is not base64url", ex);
        }
        // RFC 7518 §6.2.1.2: a P-256 coordinate is exactly 32 octets, leading zeros kept.
        return bytes.Length == CoordinateBytes ? bytes : throw Corrupt(path, $"its \"{name}\" member is {bytes.Length} bytes, not {CoordinateBytes}");
    }

    private static InvalidDataException Corrupt(string path, string why, Exception? inner = null) =>
        new($"The API signing key {path} cannot be read: {why}. Delete the file and Mailflow makes a new key on the next start " +
            "or `mailflow token`; tokens signed by the old key then stop working.", inner);

    /// <summary>RFC 7638 §3.2: the required members of an EC key, in lexicographic order, no whitespace, SHA-256, base64url.</summary>
    private static string Thumbprint(ECParameters parameters)
    {
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(parameters.Q.X)}}","y":"{{Base64Url.EncodeToString(parameters.Q.Y)}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static byte[] PrivateJwk(ECParameters parameters, string keyId) =>
        Write(writer => WriteJwk(writer, parameters, keyId, includePrivate: true));

    private static string Jwks(ECParameters parameters, string keyId) => Encoding.UTF8.GetString(Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        WriteJwk(writer, parameters, keyId, includePrivate: false);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }));

    private static void WriteJwk(Utf8JsonWriter writer, ECParameters parameters, string keyId, bool includePrivate)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", "EC");
        writer.WriteString("crv", "P-256");
        writer.WriteString("x", Base64Url.EncodeToString(parameters.Q.X));
        writer.WriteString("y", Base64Url.EncodeToString(parameters.Q.Y));
        if (includePrivate)
        {
            writer.WriteString("d", Base64Url.EncodeToString(parameters.D));
        }
        writer.WriteString("kid", keyId);
        writer.WriteString("use", "sig");
        writer.WriteString("alg", Algorithm);
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return buffer.ToArray();
    }
}
