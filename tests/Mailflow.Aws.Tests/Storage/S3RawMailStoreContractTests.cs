using Amazon.S3;
using Amazon.S3.Model;
using Mailflow.Aws.Storage;
using Mailflow.Core.Ports;
using Mailflow.Testing.Contracts;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Storage;

/// <summary>The raw mail contract on S3 (fauxqs), with mail put the way the SES S3 action puts it.</summary>
public sealed class S3RawMailStoreContractTests(FauxqsServer fauxqs) : RawMailStoreContractTests, IClassFixture<FauxqsServer>
{
    private readonly AmazonS3Client _s3 = fauxqs.Environment.CreateS3();
    private string? _bucket;

    protected override string Bucket => _bucket ?? throw new InvalidOperationException("The bucket is created in OpenStoreAsync.");

    protected override async Task<IRawMailStore> OpenStoreAsync()
    {
        _bucket = await fauxqs.CreateBucketAsync("raw");
        return new S3RawMailStore(_s3);
    }

    protected override async Task PutRawAsync(RawMailLocation location, byte[] content) =>
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = location.Bucket, Key = location.Key, InputStream = new MemoryStream(content) });

    public override Task DisposeAsync()
    {
        _s3.Dispose();
        return Task.CompletedTask;
    }
}
