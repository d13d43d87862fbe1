namespace Mailflow.Aws.Tests.Fauxqs;

/// <summary>
/// Where fauxqs 2.4.1 observably differs from SQS and S3 in what Mailflow.Aws.Tests touch. Each entry says what AWS does
/// instead; the SQS ones found by the scenario suite are in Mailflow.Local.Tests' SqsQuirks.
/// </summary>
public static class FauxqsQuirks
{
    /// <summary>
    /// Characters U+10000 to U+10FFFF are refused as InvalidMessageContents (its check looks at UTF-16 code units);
    /// SQS accepts them. Also SqsQuirks.RejectsCharactersBeyondTheBasicPlane.
    /// </summary>
    public const bool RejectsCharactersBeyondTheBasicPlane = true;

    /// <summary>
    /// PutObject with <c>x-amz-server-side-encryption: AES256</c> succeeds, but HEAD and GET do not return the header;
    /// S3 returns it for every SSE-S3 object (https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-s3-encryption.html).
    /// </summary>
    public const bool ForgetsServerSideEncryption = true;

    /// <summary>
    /// A request body over 11 MiB (its HTTP body limit, sized for multipart parts) breaks the connection, so a single
    /// PutObject of 30 MiB fails with "Broken pipe"; S3 takes up to 5 GB in one PutObject
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html). Tests upload large objects in parts.
    /// </summary>
    public const bool RefusesRequestBodiesOver11MiB = true;

    /// <summary>
    /// GetQueueAttributes counts a message received with <c>VisibilityTimeout=0</c> as not visible until the next receive
    /// looks at the queue (its visibility timers run only on receive), though that receive returns it. SQS counts it as
    /// visible at once (a zero timeout makes it visible immediately, API_ReceiveMessage).
    /// </summary>
    public const bool CountsZeroVisibilityReceivesAsInFlightUntilTheNextReceive = true;
}
