using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Mailflow.Api;

/// <summary>
/// Reads an optional JSON body. Done by hand rather than by parameter binding: binding would refuse a POST without a
/// JSON content type before the endpoint runs (routing then falls through to the 404 fallback), and a malformed body
/// would get ASP.NET Core's bare 400 instead of an answer that says what is wrong.
/// </summary>
public static class ApiBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return (null, null);
        }
        try
        {
            return (await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken).ConfigureAwait(false), null);
        }
        catch (JsonException ex)
        {
            return (null, ApiErrors.BadRequest("invalid-body", $"The body is not the JSON this endpoint takes: {ex.Message}"));
        }
    }
}
