using System.Security.Cryptography;
using System.Text;

namespace Mailflow.Core.Links;

/// <summary>
/// Mints and checks attachment download links: <c>{baseUrl}/api/attachments/{id}?expires=…&amp;token=…</c>
/// with an HMAC-SHA256 token over id and expiry. The API serves the link (and, on AWS, redirects to a
/// freshly presigned URL), so a link lives exactly as long as it claims: presigned URLs signed with a
/// Lambda role's temporary credentials die with the session (LESSONS.md "7-day links").
/// </summary>
public sealed class AttachmentLinkSigner
{
    private readonly byte[] _key;
    private readonly string _baseUrl;
    private readonly TimeProvider _time;

    public AttachmentLinkSigner(string baseUrl, byte[] key, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The link signing key must be at least 32 bytes.", nameof(key));
        }
        _baseUrl = baseUrl.TrimEnd('/');
        _key = key;
        _time = time;
        Lifetime = lifetime;
    }

    public TimeSpan Lifetime { get; }

    /// <summary>A link to the attachment or stored object with this id, valid for <see cref="Lifetime"/>.</summary>
    public (string Url, DateTimeOffset ExpiresAt) Create(string id)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        var token = Token(id, expires.ToUnixTimeSeconds());
        return ($"{_baseUrl}/api/attachments/{Uri.EscapeDataString(id)}?expires={expires.ToUnixTimeSeconds()}&token={token}", expires);
    }

    /// <summary>The link's query values as they arrive: false when either is missing or malformed, else <see cref="IsValid(string, long, string)"/>.</summary>
    public bool IsValid(string id, string? expires, string? token) =>
        long.TryParse(expires, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expiresAt) &&
        !string.IsNullOrEmpty(token) && IsValid(id, expiresAt, token);

    /// <summary>True when the token was minted by this key for this id and has not expired.</summary>
    public bool IsValid(string id, long expiresUnixSeconds, string token)
    {
        if (_time.GetUtcNow().ToUnixTimeSeconds() > expiresUnixSeconds)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Token(id, expiresUnixSeconds));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token));
    }

    private string Token(string id, long expires)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}\n{expires}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
