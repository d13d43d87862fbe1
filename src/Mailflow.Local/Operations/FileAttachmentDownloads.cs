using Mailflow.Core.Operations;
using Mailflow.Local.Storage;

namespace Mailflow.Local.Operations;

/// <summary>
/// Attachment links answered locally with the stored bytes (there is no presigned URL to redirect to). Only keys the
/// pipeline stores through <see cref="FileAttachmentStore"/> are served: attachments and claim-checked envelopes.
/// </summary>
public sealed class FileAttachmentDownloads(FileAttachmentStore attachments) : IAttachmentDownloads
{
    private static readonly string[] s_servedPrefixes = ["attachments/", "envelopes/"];

    public Task<AttachmentDownload?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!s_servedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)) || key.Contains("..", StringComparison.Ordinal) || key.Contains('\\', StringComparison.Ordinal))
        {
            return Task.FromResult<AttachmentDownload?>(null);
        }
        var content = attachments.OpenRead(key);
        return Task.FromResult(content is null ? null : new AttachmentDownload(null, content));
    }
}
