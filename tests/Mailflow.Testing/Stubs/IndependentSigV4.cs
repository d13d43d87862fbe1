using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Mailflow.Testing.Stubs;

/// <summary>
/// Signature Version 4 written out from the specification
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html), with no AWS SDK code:
/// it recomputes the signature of a request as the stub received it, from the headers its Authorization header says were
/// signed. Equal signatures mean the adapter signed exactly the method, path, query, headers and bytes that arrived.
/// Checked against the test suite's get-vanilla and post-x-www-form-urlencoded cases in Mailflow.Aws.Tests' <c>IndependentSigV4Tests</c>.
/// </summary>
public static partial class IndependentSigV4
{
    public sealed record Parsed(string AccessKey, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature);

    public static Parsed ParseAuthorization(string? authorization)
    {
        var match = AuthorizationPattern().Match(authorization ?? "");
        Assert.True(match.Success, $"Not a SigV4 Authorization header: {authorization}");
        return new Parsed(match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value,
            match.Groups["headers"].Value.Split(';'), match.Groups["signature"].Value);
    }

    /// <summary>The signature the request should carry, signed with <paramref name="secretKey"/>.</summary>
    public static string Signature(CapturedRequest request, string secretKey)
    {
        var auth = ParseAuthorization(request.Header("Authorization"));
        var amzDate = request.Header("X-Amz-Date") ?? throw new Xunit.Sdk.XunitException("no X-Amz-Date");
        var (path, query) = Split(request.RawUrl);
        var canonicalHeaders = string.Concat(auth.SignedHeaders.Select(h => h + ":" + Collapse(request.Header(h) ?? throw new Xunit.Sdk.XunitException($"signed header {h} missing")) + "\n"));
        var canonical = string.Join('\n',
            request.Method,
            CanonicalPath(path),
            CanonicalQuery(query),
            canonicalHeaders,
            string.Join(';', auth.SignedHeaders),
            Hex(SHA256.HashData(request.Body)));
        var scope = $"{auth.Date}/{auth.Region}/{auth.Service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), auth.Date);
        key = Hmac(key, auth.Region);
        key = Hmac(key, auth.Service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    private static (string Path, string Query) Split(string rawUrl)
    {
        var q = rawUrl.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (rawUrl, "") : (rawUrl[..q], rawUrl[(q + 1)..]);
    }

    /// <summary>Every segment decoded, then URI-encoded twice: every service but S3.</summary>
    private static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(s => Encode(Encode(Uri.UnescapeDataString(s)))));

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    /// <summary>RFC 3986 unreserved characters kept, everything else %XX of its UTF-8 bytes, upper-case hex.</summary>
    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static string Collapse(string value) => SpacesPattern().Replace(value.Trim(), " ");

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request, SignedHeaders=(?<headers>[a-z0-9;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" +")]
    private static partial Regex SpacesPattern();
}
