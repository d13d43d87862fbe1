using Amazon.S3;
using Mailflow.Aws.Storage;
using Mailflow.Core.Ports;
using Mailflow.Testing.Contracts;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Storage;

/// <summary>The attachment store contract on S3 (fauxqs).</summary>
public sealed class S3AttachmentStoreContractTests(FauxqsServer fauxqs) : AttachmentStoreContractTests, IClassFixture<FauxqsServer>
{
    private readonly AmazonS3Client _s3 = fauxqs.Environment.CreateS3();

    protected override async Task<IAttachmentStore> OpenStoreAsync() => new S3AttachmentStore(_s3, await fauxqs.CreateBucketAsync("attachments"));

    public override Task DisposeAsync()
    {
        _s3.Dispose();
        return Task.CompletedTask;
    }
}
