using Amazon.S3;
using Amazon.S3.Model;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.Storage;

/// <summary>
/// Raw mail where the SES receipt rule's S3 action wrote it
/// (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-s3.html). The object is returned as the open HTTP
/// response stream, never buffered: the pipeline spools it to a seekable file (MailSpool), so a 40 MB mail costs
/// a read buffer here, not 40 MB.
/// </summary>
public sealed class S3RawMailStore(IAmazonS3 s3) : IRawMailStore
{
    /// <summary>Opens the object; disposing the stream releases the connection.</summary>
    /// <exception cref="RawMailNotFoundException">No such key or bucket: permanent. Any other error is transient and propagates.</exception>
    public async Task<Stream> OpenReadAsync(RawMailLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken)
                .ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsNotFound(ex))
        {
            throw new RawMailNotFoundException(location);
        }
    }
}
