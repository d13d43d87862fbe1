namespace Mailflow.Core.Operations;

/// <summary>How an attachment link is answered: a redirect to a freshly presigned URL (AWS) or the bytes (local).</summary>
public interface IAttachmentDownloads
{
    /// <summary>The download for a storage key, or null when nothing is stored under it.</summary>
    Task<AttachmentDownload?> OpenAsync(string key, CancellationToken cancellationToken);
}
