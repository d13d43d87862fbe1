using Amazon.S3;
using Amazon.S3.Model;
using Mailflow.Aws.Storage;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// An attachment link answered with a redirect to a URL presigned now for <see cref="RedirectLifetime"/>
/// (<see cref="S3AttachmentStore.PresignGet"/>: a URL minted per request lives as long as it claims, LESSONS.md). The
/// object is checked first with HeadObject, so a missing one is a 404 from the API rather than a redirect to S3's 404.
/// Without <c>s3:ListBucket</c> on the bucket S3 answers a missing key with 403, which is not read as absent (docs/aws.md).
/// </summary>
public sealed class S3AttachmentDownloads(IAmazonS3 s3, S3AttachmentStore attachments) : IAttachmentDownloads
{
    /// <summary>Long enough to start a download, short enough that a leaked redirect is useless soon.</summary>
    public static readonly TimeSpan RedirectLifetime = TimeSpan.FromMinutes(5);

    public async Task<AttachmentDownload?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = attachments.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsNotFound(ex))
        {
            return null;
        }
        return new AttachmentDownload(new Uri(attachments.PresignGet(key, RedirectLifetime)), null);
    }
}
