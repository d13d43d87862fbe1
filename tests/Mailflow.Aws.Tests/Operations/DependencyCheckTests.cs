using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Aws.Operations;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>The SQS and S3 dependency checks on fauxqs: they pass for what exists and throw for what does not.</summary>
public sealed class DependencyCheckTests(FauxqsServer fauxqs) : IClassFixture<FauxqsServer>, IDisposable
{
    private readonly AmazonS3Client _s3 = fauxqs.Environment.CreateS3();
    private readonly AmazonSQSClient _sqs = fauxqs.Environment.CreateSqs();

    public void Dispose()
    {
        _s3.Dispose();
        _sqs.Dispose();
    }

    [Fact]
    public async Task A_queue_check_passes_for_an_existing_queue_and_fails_for_a_missing_one()
    {
        var name = $"check-{Guid.NewGuid():N}";
        await fauxqs.CreateQueueAsync(name);
        var present = new SqsQueueCheck(_sqs, name);
        var missing = new SqsQueueCheck(_sqs, name + "-missing");

        await present.CheckAsync(CancellationToken.None);
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => missing.CheckAsync(CancellationToken.None));
        Assert.Equal("queue:" + name, present.Name);
    }

    [Fact]
    public async Task A_bucket_check_passes_for_an_existing_bucket_and_fails_for_a_missing_one()
    {
        var bucket = await fauxqs.CreateBucketAsync("check");
        var present = new S3BucketCheck(_s3, "raw-mail", bucket, "raw/");
        var missing = new S3BucketCheck(_s3, "attachments", bucket + "-missing", "attachments/");

        await present.CheckAsync(CancellationToken.None);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => missing.CheckAsync(CancellationToken.None));
        Assert.Equal("NoSuchBucket", error.ErrorCode);
        Assert.Equal("raw-mail", present.Name);
    }
}
