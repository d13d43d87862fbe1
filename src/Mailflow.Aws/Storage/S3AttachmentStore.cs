using Amazon.S3;
using Amazon.S3.Model;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.Storage;

/// <summary>
/// Attachments and claim-checked envelopes in one bucket, under the keys Mailflow derives from its own ids
/// (<c>StorageKeys</c>). Objects are written with SSE-S3 requested explicitly (S3 applies it by default since 2023,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html; asking keeps a bucket policy that
/// requires the header satisfied).
/// </summary>
public sealed class S3AttachmentStore(IAmazonS3 s3, string bucket) : IAttachmentStore
{
    /// <summary>
    /// SigV4 query signatures live at most 7 days (X-Amz-Expires ≤ 604800 s,
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html), less a minute: the SDK
    /// measures the lifetime from its own, skew-corrected clock, and was seen to sign 901 s for 900 after talking to the
    /// endpoint, which at the 7-day edge would give a URL S3 refuses.
    /// </summary>
    public static readonly TimeSpan MaxPresignLifetime = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public string Bucket => bucket;

    /// <summary>
    /// Writes the content. A seekable stream is streamed as it is, from its start (the SDK rewinds it); a non-seekable one
    /// (a part MimeKit decodes on the fly) is first copied by <see cref="UploadSpool"/>: in memory up to 1 MiB, else to
    /// a temporary file, because PutObject needs the length up front and the SDK rewinds the body to retry.
    /// </summary>
    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek)
        {
            await PutSeekableAsync(key, content, contentType, cancellationToken).ConfigureAwait(false);
            return;
        }
        var copy = await UploadSpool.CopyAsync(content, cancellationToken).ConfigureAwait(false);
        await using (copy.ConfigureAwait(false))
        {
            await PutSeekableAsync(key, copy, contentType, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens the object as the HTTP response stream (not buffered).</summary>
    /// <exception cref="StoredObjectNotFoundException">Nothing is stored under the key.</exception>
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsNotFound(ex))
        {
            throw new StoredObjectNotFoundException(key);
        }
    }

    /// <summary>
    /// A presigned GET URL. Only for the API's download endpoint, which redirects to a URL minted on each request:
    /// envelopes carry Mailflow's own signed links, because a URL signed with a Lambda role's session credentials stops
    /// working when that session expires, hours before a "7-day" link would (LESSONS.md).
    /// </summary>
    /// <remarks>
    /// Expiry is measured on the system clock, not an injected TimeProvider: the SDK turns the absolute time into
    /// X-Amz-Expires against its own clock, so a fake clock would only skew the lifetime. The scheme is taken from the
    /// client's ServiceURL: AWSSDK.S3 4.0.104 presigns https even for an http endpoint unless told otherwise.
    /// </remarks>
    public string PresignGet(string key, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (lifetime <= TimeSpan.Zero || lifetime > MaxPresignLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A presigned URL lives more than zero and at most 7 days less a minute.");
        }
        return s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime + lifetime,
            Protocol = s3.Config.ServiceURL is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        });
    }

    private async Task PutSeekableAsync(string key, Stream content, string contentType, CancellationToken cancellationToken) =>
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }, cancellationToken).ConfigureAwait(false);
}
