using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Mailflow.Aws.Ses;

/// <summary>
/// Signs a plain <see cref="HttpRequestMessage"/> with AWS Signature Version 4
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html) using the AWS SDK's own
/// signer: <see cref="AWS4Signer"/> canonicalizes the request (URI encoding, header trimming and ordering, query
/// ordering) and derives the key and signature; this class only feeds it what the request will carry on the wire.
/// The SDK's request pipeline (<c>IRequest</c>, <c>IClientConfig</c>) is not involved, because there is no SES v2 client
/// package to build it from (DESIGN.md §4); the protected canonicalization helpers are reached by deriving from the signer.
/// <list type="bullet">
/// <item>Every header already on the request is signed, plus <c>host</c>, <c>x-amz-date</c> and, with temporary
/// credentials, <c>x-amz-security-token</c> (signed, as the SDKs do: the test suite's <c>post-sts-header-before</c>). Of
/// the content headers only <c>Content-Type</c> is signed: <c>Content-Length</c> is computed by the handler.</item>
/// <item>No <c>x-amz-content-sha256</c> header: only S3 requires it; the payload hash is part of the canonical request
/// either way.</item>
/// <item>A header given several values is refused: HTTP/1.1 sends them as one comma-and-space joined line, which the
/// service would canonicalize differently from the comma-joined form SigV4 prescribes.</item>
/// </list>
/// </summary>
internal sealed class SigV4Signer : AWS4Signer
{
    private const string HostHeader = "host";
    private const string DateHeader = "X-Amz-Date";
    private const string SecurityTokenHeader = "X-Amz-Security-Token";

    /// <param name="region">The signing region, e.g. <c>eu-west-1</c>.</param>
    /// <param name="service">The signing name of the service: <c>ses</c> for SES v2 (its model's <c>signingName</c>).</param>
    public SigV4Signer(string region, string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Region = region;
        Service = service;
    }

    public string Region { get; }

    public string Service { get; }

    /// <summary>
    /// Adds <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (temporary credentials only) and <c>Authorization</c> to
    /// <paramref name="request"/>. <paramref name="payload"/> must be exactly the bytes its content will send.
    /// </summary>
    /// <returns>The canonical request that was signed, for diagnostics (it holds no secret).</returns>
    public string Sign(HttpRequestMessage request, ReadOnlySpan<byte> payload, ImmutableCredentials credentials, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("SigV4 signs absolute URIs only.", nameof(request));
        }
        request.Headers.Remove(DateHeader);
        request.Headers.Remove(SecurityTokenHeader);
        request.Headers.Authorization = null;
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation(SecurityTokenHeader, credentials.Token);
        }

        var headers = HeadersToSign(request);
        var time = InitializeHeaders(headers, uri, signedAt.UtcDateTime);
        var sorted = SortAndPruneHeaders(headers);
        var canonicalRequest = CanonicalizeRequest(
            new Uri(uri.GetLeftPart(UriPartial.Authority)),
            Uri.UnescapeDataString(uri.AbsolutePath),
            request.Method.Method,
            sorted,
            CanonicalizeQueryParameters(QueryParameters(uri)),
            Convert.ToHexStringLower(SHA256.HashData(payload)));
        var result = ComputeSignature(credentials, Region, time, Service, CanonicalizeHeaderNames(sorted), canonicalRequest);

        request.Headers.TryAddWithoutValidation(DateHeader, headers[DateHeader]);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
        return canonicalRequest;
    }

    private static Dictionary<string, string> HeadersToSign(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            headers.Add(name, Single(name, values));
        }
        if (request.Headers.Host is { } host)
        {
            headers[HostHeader] = host;
        }
        if (request.Content is not null && request.Content.Headers.NonValidated.TryGetValues("Content-Type", out var contentType))
        {
            headers["Content-Type"] = Single("Content-Type", contentType);
        }
        return headers;
    }

    private static string Single(string name, HeaderStringValues values)
    {
        if (values.Count != 1)
        {
            throw new ArgumentException(
                $"The header {name} has {values.Count.ToString(CultureInfo.InvariantCulture)} values; SigV4 signing here takes one value per header.");
        }
        return values.ToString();
    }

    /// <summary>The query's parameters, decoded: the SDK encodes them again the way SigV4 prescribes (RFC 3986 unreserved characters kept).</summary>
    private static List<KeyValuePair<string, string>> QueryParameters(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            parameters.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }
        return parameters;
    }
}
