using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Mailflow.Api;

/// <summary>
/// Reads a request body that is a raw mail into a temporary spool file (deleted on close), so that a mail of the full
/// configured size does not sit in memory (DESIGN.md: streaming). Refuses, each with its own answer: a content type
/// that is not a mail (415), a body over the limit, announced or counted (413), and an empty body (400).
/// </summary>
public static class RawMailBody
{
    /// <summary>
    /// <c>message/rfc822</c> is the type of a mail (RFC 2046 §5.2.1); browsers upload an <c>.eml</c> file as
    /// <c>application/octet-stream</c> or <c>text/plain</c> when they do not know the extension.
    /// </summary>
    public static IReadOnlyList<string> MediaTypes { get; } = ["message/rfc822", "application/octet-stream", "text/plain"];

    private const int BufferSize = 81_920;

    public static async Task<(Stream? Mail, IResult? Error)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !MediaTypes.Contains(type.MediaType.Value ?? "", StringComparer.OrdinalIgnoreCase))
        {
            return (null, ApiErrors.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                $"The body must be the raw mail, sent as {string.Join(", ", MediaTypes)}; it was '{request.ContentType}'."));
        }
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(request.ContentLength.Value, maxBytes));
        }
        // Kestrel stops bodies at its own default (about 28.6 MiB) unless told otherwise; the mail limit is the limit here.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = maxBytes + 1;
        }
        var path = Path.Combine(Path.GetTempPath(), $"mailflow-preview-{Guid.NewGuid():N}.eml");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    await spool.DisposeAsync().ConfigureAwait(false);
                    return (null, TooLarge(null, maxBytes));
                }
                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            if (total == 0)
            {
                await spool.DisposeAsync().ConfigureAwait(false);
                return (null, ApiErrors.BadRequest("empty-body", "The body is empty; send the raw mail (an .eml file's bytes) as the body."));
            }
            spool.Position = 0;
            return (spool, null);
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult TooLarge(long? announced, long maxBytes) =>
        ApiErrors.Of(StatusCodes.Status413PayloadTooLarge, "message-too-large",
            (announced is { } size ? $"The mail is {size} bytes" : "The mail is larger than the limit") +
            $"; the configured limit (limits.maxMessageBytes) is {maxBytes} bytes. Preview a mail within it.");
}
