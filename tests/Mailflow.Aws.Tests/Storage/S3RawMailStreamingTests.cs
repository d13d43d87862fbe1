using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Transfer;
using Mailflow.Aws.Storage;
using Mailflow.Core.Ports;
using Mailflow.Testing.Emulators;
using Mailflow.Testing.Support;

namespace Mailflow.Aws.Tests.Storage;

/// <summary>A large raw mail is streamed from S3, not loaded (LESSONS.md: 1 GB of memory for a 24 MB mail).</summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class S3RawMailStreamingTests(FauxqsServer fauxqs) : IClassFixture<FauxqsServer>, IDisposable
{
    private const int MailBytes = 30 * 1024 * 1024;

    private readonly AmazonS3Client _s3 = fauxqs.Environment.CreateS3();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task A_30_MiB_mail_is_read_without_allocating_anywhere_near_30_MiB()
    {
        var bucket = await fauxqs.CreateBucketAsync("streaming");
        var mail = Bytes.Random(MailBytes);
        // Multipart, as fauxqs refuses request bodies over 11 MiB (FauxqsQuirks.RefusesRequestBodiesOver11MiB).
        using (var transfer = new TransferUtility(_s3))
        {
            await transfer.UploadAsync(new MemoryStream(mail), bucket, "raw/large");
        }
        var expected = SHA256.HashData(mail);
        mail = null;
        var store = new S3RawMailStore(_s3);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81_920];
        long length = 0;

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await using (var stream = await store.OpenReadAsync(new RawMailLocation(bucket, "raw/large"), CancellationToken.None))
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(MailBytes, length);
        Assert.Equal(expected, hash.GetHashAndReset());
        Assert.True(allocated < MailBytes / 4, $"Reading {MailBytes:N0} bytes allocated {allocated:N0} bytes");
    }
}
