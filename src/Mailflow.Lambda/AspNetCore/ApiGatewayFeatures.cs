using System.Globalization;
using System.Net;
using System.Text;
using Mailflow.Lambda.Events.ApiGateway;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Mailflow.Lambda.AspNetCore;

/// <summary>
/// Turns a payload 2.0 request into the features an <c>HttpContext</c> is made of: what Kestrel would have parsed off
/// the wire, API Gateway has already parsed into JSON
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
/// </summary>
internal static class ApiGatewayFeatures
{
    public static FeatureCollection Create(HttpApiRequest request, BufferedResponseFeature response, CancellationToken requestAborted)
    {
        var context = request.RequestContext;
        var body = Body(request);
        var requestFeature = Request(request, body);
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpRequestBodyDetectionFeature>(requestFeature);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = context.RequestId });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = requestAborted });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = context.RequestId,
            RemoteIpAddress = IPAddress.TryParse(context.Http.SourceIp, out var address) ? address : null,
            LocalPort = 443,
        });
        return features;
    }

    private static ApiGatewayRequestFeature Request(HttpApiRequest request, byte[] body)
    {
        var (pathBase, path) = SplitStage(request.RawPath, request.RequestContext.Stage);
        var query = string.IsNullOrEmpty(request.RawQueryString) ? "" : "?" + request.RawQueryString;
        var feature = new ApiGatewayRequestFeature
        {
            Protocol = request.RequestContext.Http.Protocol,
            Scheme = "https",
            Method = request.RequestContext.Http.Method,
            PathBase = pathBase,
            Path = path,
            QueryString = query,
            RawTarget = request.RawPath + query,
            Body = body.Length == 0 ? Stream.Null : new MemoryStream(body, writable: false),
            CanHaveBody = body.Length > 0,
        };
        Headers(request, body.Length, feature.Headers);
        return feature;
    }

    /// <summary>
    /// Header values stay as API Gateway joined them ("a,b"): RFC 9110 §5.3 makes that the same field as two lines.
    /// Cookies come separately and go back into one Cookie header, joined by "; " (RFC 6265 §5.4).
    /// </summary>
    private static void Headers(HttpApiRequest request, int bodyLength, IHeaderDictionary headers)
    {
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }
        if (request.Cookies is { Count: > 0 } cookies)
        {
            headers[HeaderNames.Cookie] = string.Join("; ", cookies);
        }
        if (!headers.ContainsKey(HeaderNames.Host) && !string.IsNullOrEmpty(request.RequestContext.DomainName))
        {
            headers[HeaderNames.Host] = request.RequestContext.DomainName;
        }
        if (bodyLength > 0)
        {
            // The decoded length is the one that counts: a base64 body is shorter once decoded.
            headers[HeaderNames.ContentLength] = bodyLength.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// A named stage's requests arrive as <c>/{stage}/path</c>; the stage becomes the PathBase, so routes are written
    /// without it and links the app builds keep it. The <c>$default</c> stage has no prefix. The feature wants decoded
    /// paths, as Kestrel gives them (PathString's string conversion would re-escape them, hence <c>.Value</c>).
    /// </summary>
    private static (string PathBase, string Path) SplitStage(string rawPath, string stage)
    {
        var raw = rawPath.StartsWith('/') ? rawPath : "/" + rawPath;
        if (!string.IsNullOrEmpty(stage) && stage != "$default")
        {
            var prefix = "/" + stage;
            if (raw == prefix || raw.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                return (prefix, Decoded(raw[prefix.Length..]));
            }
        }
        return ("", Decoded(raw));
    }

    private static string Decoded(string rawPath) => PathString.FromUriComponent(rawPath).Value ?? "";

    private static byte[] Body(HttpApiRequest request) => request.Body switch
    {
        null or "" => [],
        var text when request.IsBase64Encoded => Convert.FromBase64String(text),
        var text => Encoding.UTF8.GetBytes(text),
    };
}
