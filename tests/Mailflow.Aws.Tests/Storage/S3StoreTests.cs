using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Mailflow.Aws.Storage;
using Mailflow.Aws.Tests.Fauxqs;
using Mailflow.Testing.Emulators;
using Mailflow.Testing.Support;

namespace Mailflow.Aws.Tests.Storage;

/// <summary>What the S3 adapters do beyond the port contracts: object metadata and presigned URLs, on fauxqs.</summary>
public sealed class S3StoreTests(FauxqsServer fauxqs) : IClassFixture<FauxqsServer>, IDisposable
{
    private readonly AmazonS3Client _s3 = fauxqs.Environment.CreateS3();

    public void Dispose() => _s3.Dispose();

    /// <summary>
    /// The request is checked rather than the stored object: fauxqs neither keeps nor returns the encryption header
    /// (<see cref="FauxqsQuirks.ForgetsServerSideEncryption"/>).
    /// </summary>
    [Fact]
    public async Task Attachments_are_stored_with_their_content_type_asking_for_SSE_S3()
    {
        var store = new S3AttachmentStore(_s3, await fauxqs.CreateBucketAsync("metadata"));
        var encryption = new ConcurrentBag<string?>();
        _s3.BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs { Request: PutObjectRequest } put)
            {
                encryption.Add(put.Headers.TryGetValue("x-amz-server-side-encryption", out var value) ? value : null);
            }
        };

        await store.PutAsync("attachments/ses-1/0", new MemoryStream([1, 2, 3]), "application/pdf", CancellationToken.None);
        await store.PutAsync("attachments/ses-1/1", new NonSeekableStream(new MemoryStream(Bytes.Random(2_000_000))), "image/png", CancellationToken.None);

        var pdf = await _s3.GetObjectMetadataAsync(store.Bucket, "attachments/ses-1/0");
        var png = await _s3.GetObjectMetadataAsync(store.Bucket, "attachments/ses-1/1");
        Assert.Equal(("application/pdf", 3L), (pdf.Headers.ContentType, pdf.ContentLength));
        Assert.Equal(("image/png", 2_000_000L), (png.Headers.ContentType, png.ContentLength));
        Assert.Equal(["AES256", "AES256"], encryption);
    }

    [Fact]
    public async Task A_presigned_URL_fetches_the_object_over_plain_HTTP_from_the_endpoint()
    {
        var store = new S3AttachmentStore(_s3, await fauxqs.CreateBucketAsync("presign"));
        var content = Bytes.Random(300_000);
        await store.PutAsync("attachments/ses-2/0 report (final).pdf", new MemoryStream(content), "application/pdf", CancellationToken.None);

        var url = new Uri(store.PresignGet("attachments/ses-2/0 report (final).pdf", TimeSpan.FromMinutes(15)));
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);

        Assert.Equal((fauxqs.Endpoint.Scheme, fauxqs.Endpoint.Authority), (url.Scheme, url.Authority));
        Assert.StartsWith($"/{store.Bucket}/attachments/ses-2/", url.AbsolutePath, StringComparison.Ordinal);
        Assert.InRange(ExpiresOf(url.Query), 899, 901);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(7 * 24 * 60)]
    public void A_presigned_URL_lives_more_than_zero_and_less_than_the_seven_days_SigV4_allows(int minutes)
    {
        var store = new S3AttachmentStore(_s3, "bucket");

        Assert.Throws<ArgumentOutOfRangeException>(() => store.PresignGet("attachments/x", TimeSpan.FromMinutes(minutes)));
        Assert.InRange(ExpiresOf(new Uri(store.PresignGet("attachments/x", S3AttachmentStore.MaxPresignLifetime)).Query), 604_680, 604_800);
    }

    private static int ExpiresOf(string query) =>
        int.Parse(query.TrimStart('?').Split('&').Single(p => p.StartsWith("X-Amz-Expires=", StringComparison.Ordinal))["X-Amz-Expires=".Length..],
            System.Globalization.CultureInfo.InvariantCulture);
}
