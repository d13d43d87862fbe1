using MimeKit;

namespace Mailflow.Core.Mail;

/// <summary>
/// Measures every attachment by decoding it once into a probe: size, SHA-256 and the first bytes.
/// Small attachments keep their decoded bytes (up to <see cref="KeepDecodedBudget"/> per mail) so that
/// storing them does not decode them a second time; larger ones are decoded again, streaming, when stored.
/// </summary>
public static class AttachmentScanner
{
    public const long KeepDecodedBudget = 1024 * 1024;

    // RFC 5322 wire format: a forwarded message is measured as it would travel, with CRLF line ends.
    private static readonly FormatOptions s_wireFormat = new() { NewLineFormat = NewLineFormat.Dos };

    public static IReadOnlyList<AttachmentFacts> Scan(IReadOnlyList<MimeEntity> attachments, CancellationToken cancellationToken)
    {
        var facts = new List<AttachmentFacts>(attachments.Count);
        var budget = KeepDecodedBudget;
        for (var i = 0; i < attachments.Count; i++)
        {
            var entity = attachments[i];
            // The encoded length bounds the decoded length (base64 and quoted-printable only shrink).
            var keep = entity is MimePart { Content.Stream: { CanSeek: true } encoded } && encoded.Length <= budget;
            using var kept = keep ? new MemoryStream() : null;
            using var probe = new DecodedContentProbe(kept);
            WriteDecoded(entity, probe, cancellationToken);
            budget -= kept?.Length ?? 0;
            facts.Add(new AttachmentFacts(
                i,
                entity,
                FileName(entity),
                entity.ContentType.MimeType.ToLowerInvariant(),
                string.IsNullOrWhiteSpace(entity.ContentId) ? null : entity.ContentId,
                IsInline(entity),
                probe.Size,
                probe.Sha256Hex(),
                probe.Prefix,
                kept?.ToArray()));
        }
        return facts;
    }

    /// <summary>Writes the decoded content of a part (for message/rfc822, the message in wire format).</summary>
    public static void WriteDecoded(MimeEntity entity, Stream destination, CancellationToken cancellationToken)
    {
        switch (entity)
        {
            case MimePart { Content: { } content }:
                content.DecodeTo(destination, cancellationToken);
                break;
            case MessagePart { Message: { } message }:
                message.WriteTo(s_wireFormat, destination, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Opens the decoded content for reading: the kept bytes when the scan kept them; otherwise a part's
    /// content decodes as it is read (nothing buffered) and a forwarded message is first written to a spool file.
    /// </summary>
    public static async Task<Stream> OpenDecodedAsync(AttachmentFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var entity = facts.Part;
        if (facts.Decoded is { } decoded)
        {
            return new MemoryStream(decoded, writable: false);
        }
        if (entity is MimePart { Content: { } content })
        {
            return content.Open();
        }
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"mailflow-part-{Guid.NewGuid():N}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        WriteDecoded(entity, spool, cancellationToken);
        await spool.FlushAsync(cancellationToken).ConfigureAwait(false);
        spool.Position = 0;
        return spool;
    }

    private static string? FileName(MimeEntity entity) => entity switch
    {
        MimePart part => string.IsNullOrWhiteSpace(part.FileName) ? null : part.FileName,
        _ => entity.ContentDisposition?.FileName ?? entity.ContentType.Name,
    };

    // Inline: explicitly so, or a part without a disposition that a cid: reference can reach (RFC 2392).
    private static bool IsInline(MimeEntity entity) =>
        entity.ContentDisposition is { } disposition
            ? disposition.Disposition.Equals(ContentDisposition.Inline, StringComparison.OrdinalIgnoreCase)
            : !string.IsNullOrWhiteSpace(entity.ContentId);
}
