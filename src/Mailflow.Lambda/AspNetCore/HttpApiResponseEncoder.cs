using System.Text;
using System.Text.Unicode;
using Mailflow.Lambda.Events.ApiGateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mailflow.Lambda.AspNetCore;

/// <summary>
/// Writes the collected response as a payload 2.0 response. The body travels inside JSON as a string, so it is sent as
/// text only when it is text (a textual content type, UTF-8, not compressed) and base64 otherwise: bytes that are
/// not UTF-8 would not survive a round trip through a JSON string.
/// </summary>
internal static class HttpApiResponseEncoder
{
    public static HttpApiResponse Encode(int statusCode, IHeaderDictionary headers, byte[] body)
    {
        var single = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var cookies = new List<string>();
        foreach (var (name, values) in headers)
        {
            if (string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                // Set-Cookie values may contain commas (Expires dates) and must not be joined (RFC 6265 §3).
                cookies.AddRange(values.Where(value => value is not null)!);
            }
            else
            {
                single[name] = values.ToString();
            }
        }
        var text = body.Length > 0 && IsText(headers) && Utf8.IsValid(body);
        return new HttpApiResponse
        {
            StatusCode = statusCode,
            Headers = single.Count == 0 ? null : single,
            Cookies = cookies.Count == 0 ? null : cookies,
            Body = body.Length == 0 ? null : text ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body),
            IsBase64Encoded = body.Length > 0 && !text,
        };
    }

    private static bool IsText(IHeaderDictionary headers)
    {
        var encoding = headers.ContentEncoding.ToString();
        if (encoding.Length > 0 && !string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (!MediaTypeHeaderValue.TryParse(headers.ContentType.ToString(), out var contentType))
        {
            return false;
        }
        var charset = contentType.Charset;
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var type = contentType.MediaType;
        return type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || contentType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)
            || contentType.Suffix.Equals("xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/javascript", StringComparison.OrdinalIgnoreCase);
    }
}
