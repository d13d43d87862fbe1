using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Testing.Auth;

/// <summary>
/// Keys tests sign with: an RSA and an EC key the API trusts (published in <see cref="TrustedJwks"/>), and an RSA key
/// it does not. Made once per test run: RSA key generation is slow.
/// </summary>
public static class TestKeys
{
    public static RsaSecurityKey Rsa { get; } = new(RSA.Create(2048)) { KeyId = "test-rsa" };

    public static ECDsaSecurityKey Ec { get; } = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test-ec" };

    /// <summary>Not trusted, but named like <see cref="Rsa"/>: the API finds a key for it and the signature fails.</summary>
    public static RsaSecurityKey Untrusted { get; } = new(RSA.Create(2048)) { KeyId = "test-rsa" };

    /// <summary>Not trusted, under a key id the API does not know.</summary>
    public static RsaSecurityKey Unknown { get; } = new(RSA.Create(2048)) { KeyId = "someone-else" };

    /// <summary>The JWKS of the trusted keys' public parts, as an issuer publishes it.</summary>
    public static string TrustedJwks { get; } = JsonSerializer.Serialize(new
    {
        keys = new[] { PublicJwk(Rsa), PublicJwk(Ec) },
    });

    /// <summary>The bytes of the RSA public key as published: what an HS256 forgery uses as its HMAC secret.</summary>
    public static byte[] RsaPublicKeyBytes { get; } = Rsa.Rsa.ExportSubjectPublicKeyInfo();

    private static Dictionary<string, string> PublicJwk(SecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(key);
        var result = new Dictionary<string, string> { ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["use"] = "sig" };
        if (jwk.Kty == "RSA")
        {
            result["n"] = jwk.N;
            result["e"] = jwk.E;
            result["alg"] = "RS256";
        }
        else
        {
            result["crv"] = jwk.Crv;
            result["x"] = jwk.X;
            result["y"] = jwk.Y;
            result["alg"] = "ES256";
        }
        return result;
    }
}
