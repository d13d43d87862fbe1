using Amazon.S3;
using Amazon.S3.Model;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// A bucket exists and the function may list it: ListObjectsV2 with MaxKeys=1 under <paramref name="prefix"/>. It needs
/// s3:ListBucket, which the API needs anyway to tell a missing object (404) from a forbidden one (403), and which can be
/// granted for that prefix alone with an <c>s3:prefix</c> condition; HeadBucket needs the same permission on the whole
/// bucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html).
/// </summary>
public sealed class S3BucketCheck(IAmazonS3 s3, string name, string bucket, string prefix) : IDependencyCheck
{
    public string Name => name;

    public Task CheckAsync(CancellationToken cancellationToken) =>
        s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1 }, cancellationToken);
}
