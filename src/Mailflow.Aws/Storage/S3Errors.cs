using System.Net;
using Amazon.S3;

namespace Mailflow.Aws.Storage;

/// <summary>How the S3 adapters classify S3 errors.</summary>
internal static class S3Errors
{
    /// <summary>
    /// 404: NoSuchKey, or NoSuchBucket (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). Retrying
    /// does not make the object appear. A missing key read without <c>s3:ListBucket</c> permission comes back as 403
    /// AccessDenied instead (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html); that stays transient,
    /// since an operator can fix the policy, so the worker's role needs ListBucket for missing mail to be classified.
    /// </summary>
    public static bool IsNotFound(AmazonS3Exception exception) =>
        exception.StatusCode == HttpStatusCode.NotFound || exception.ErrorCode is "NoSuchKey" or "NoSuchBucket";
}
