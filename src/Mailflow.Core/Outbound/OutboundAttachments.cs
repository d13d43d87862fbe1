using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using MimeKit;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Fetches the bytes of a validated envelope's attachments: inline base64 is decoded, storage keys are read from the
/// attachment store. A stored file is read only up to one byte past the limit, so an oversized file costs no more
/// memory than an allowed one. Every missing or oversized attachment is reported, not only the first.
/// </summary>
public static class OutboundAttachments
{
    private const int ChunkBytes = 81_920;

    /// <exception cref="OutboundInvalidException"><c>attachment-not-found</c> or <c>too-large</c>, with each attachment's path.</exception>
    public static async Task<IReadOnlyList<ResolvedAttachment>> ResolveAsync(
        OutboundEnvelope envelope, IAttachmentStore store, long maxAttachmentBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(store);
        if (envelope.Attachments is not { Count: > 0 } attachments)
        {
            return [];
        }
        var resolved = new List<ResolvedAttachment>(attachments.Count);
        var problems = new List<OutboundProblem>();
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var path = $"$.attachments[{i}]";
            var content = attachment.StorageKey is { } key
                ? await ReadStoredAsync(store, key, $"{path}.storageKey", maxAttachmentBytes, problems, ct).ConfigureAwait(false)
                : Decode(attachment.Content, $"{path}.content", maxAttachmentBytes, problems);
            if (content is not null)
            {
                var filename = attachment.Filename ?? "attachment";
                resolved.Add(new ResolvedAttachment(filename, attachment.ContentType ?? MimeTypes.GetMimeType(filename), content, attachment.ContentId));
            }
        }
        return problems.Count == 0 ? resolved : throw new OutboundInvalidException(problems);
    }

    private static byte[]? Decode(string? base64, string path, long maxBytes, List<OutboundProblem> problems)
    {
        if (base64 is null || !System.Buffers.Text.Base64.IsValid(base64, out var length))
        {
            problems.Add(new(path, ReasonCodes.InvalidEnvelope, "not base64; validate the envelope before resolving its attachments."));
            return null;
        }
        if (length > maxBytes)
        {
            problems.Add(TooLarge(path, $"the attachment is {length} bytes", maxBytes));
            return null;
        }
        return Convert.FromBase64String(base64);
    }

    private static async Task<byte[]?> ReadStoredAsync(
        IAttachmentStore store, string key, string path, long maxBytes, List<OutboundProblem> problems, CancellationToken ct)
    {
        Stream stream;
        try
        {
            stream = await store.OpenReadAsync(key, ct).ConfigureAwait(false);
        }
        catch (StoredObjectNotFoundException)
        {
            problems.Add(new(path, ReasonCodes.AttachmentNotFound,
                "nothing is stored under this key: inbound attachments are removed after their retention period, and uploads must be written before the envelope is sent."));
            return null;
        }
        await using (stream.ConfigureAwait(false))
        {
            if (stream.CanSeek)
            {
                var length = stream.Length - stream.Position;
                if (length > maxBytes)
                {
                    problems.Add(TooLarge(path, $"the stored file is {length} bytes", maxBytes));
                    return null;
                }
                var bytes = new byte[length];
                await stream.ReadExactlyAsync(bytes, ct).ConfigureAwait(false);
                return bytes;
            }
            var content = await ReadAtMostAsync(stream, maxBytes + 1, ct).ConfigureAwait(false);
            if (content.Length > maxBytes)
            {
                problems.Add(TooLarge(path, "the stored file is larger", maxBytes));
                return null;
            }
            return content;
        }
    }

    /// <summary>Reads a stream of unknown length until its end or <paramref name="limit"/> bytes, whichever comes first.</summary>
    private static async Task<byte[]> ReadAtMostAsync(Stream stream, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[(int)Math.Min(ChunkBytes, limit)];
        while (buffer.Length < limit)
        {
            var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static OutboundProblem TooLarge(string path, string what, long maxBytes) =>
        new(path, ReasonCodes.TooLarge, $"{what}, over the limit of {maxBytes} bytes (outbound.maxAttachmentBytes).");
}
