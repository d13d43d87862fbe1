using Amazon.S3;
using Mailflow.Aws.Operations;
using Mailflow.Aws.Storage;
using Mailflow.Testing.Emulators;
using Mailflow.Testing.Support;

namespace Mailflow.Aws.Tests.Operations;

/// <summary><see cref="S3AttachmentDownloads"/> on fauxqs: a presigned redirect for a stored object, nothing for a missing one.</summary>
public sealed class S3AttachmentDownloadsTests(FauxqsServer fauxqs) : IClassFixture<FauxqsServer>, IDisposable
{
    private readonly AmazonS3Client _s3 = fauxqs.Environment.CreateS3();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task A_stored_attachment_is_a_redirect_to_a_URL_that_fetches_its_exact_bytes()
    {
        var store = new S3AttachmentStore(_s3, await fauxqs.CreateBucketAsync("dl"));
        var content = Bytes.Random(150_000);
        await store.PutAsync("attachments/ses-dl/a0", new MemoryStream(content), "application/pdf", CancellationToken.None);

        var download = await new S3AttachmentDownloads(_s3, store).OpenAsync("attachments/ses-dl/a0", CancellationToken.None);
        using var http = new HttpClient();
        var fetched = await http.GetByteArrayAsync(download!.RedirectTo);

        Assert.Null(download.Content);
        // The SDK measures the lifetime on its own skew-corrected clock (S3AttachmentStore.MaxPresignLifetime): 300 s give or take one.
        var expires = System.Web.HttpUtility.ParseQueryString(download.RedirectTo!.Query)["X-Amz-Expires"];
        Assert.InRange(int.Parse(expires!, System.Globalization.CultureInfo.InvariantCulture), 299, 301);
        Assert.Equal(content, fetched);
    }

    [Fact]
    public async Task A_missing_attachment_is_null_rather_than_a_redirect_to_a_404()
    {
        var store = new S3AttachmentStore(_s3, await fauxqs.CreateBucketAsync("dl"));

        Assert.Null(await new S3AttachmentDownloads(_s3, store).OpenAsync("attachments/ses-none/a0", CancellationToken.None));
    }
}
