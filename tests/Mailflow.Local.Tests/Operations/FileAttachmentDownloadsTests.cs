using System.Text;
using Mailflow.Core.Envelopes;
using Mailflow.Local.Operations;
using Mailflow.Local.Storage;

namespace Mailflow.Local.Tests.Operations;

public sealed class FileAttachmentDownloadsTests : IDisposable
{
    private readonly DataDirectory _data = new(Directory.CreateTempSubdirectory("mailflow-downloads-tests-").FullName);

    [Theory]
    [InlineData("attachments/0195f6d2c0a07b3c9d1e2f3a4b5c6d7e/a0")]
    [InlineData("envelopes/0195f6d2c0a07b3c9d1e2f3a4b5c6d7e.app1.json")]
    public async Task A_stored_attachment_or_claim_check_is_answered_with_its_bytes(string key)
    {
        var store = new FileAttachmentStore(_data);
        await store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.7")), "application/pdf", CancellationToken.None);

        var download = await new FileAttachmentDownloads(store).OpenAsync(key, CancellationToken.None);

        Assert.Null(download!.RedirectTo);
        await using var content = download.Content!;
        Assert.Equal("%PDF-1.7", await new StreamReader(content).ReadToEndAsync());
    }

    [Fact]
    public async Task A_link_to_an_attachment_that_is_no_longer_stored_finds_nothing()
    {
        var key = StorageKeys.Attachment("0195f6d2c0a07b3c9d1e2f3a4b5c6d7e", 3);

        Assert.Null(await new FileAttachmentDownloads(new FileAttachmentStore(_data)).OpenAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData("raw/7e/0195f6d2c0a07b3c9d1e2f3a4b5c6d7e")]
    [InlineData("link-signing.key")]
    [InlineData("attachments/../link-signing.key")]
    [InlineData("attachments/..\\link-signing.key")]
    [InlineData("attachments/../../etc/passwd")]
    public async Task Keys_outside_the_attachment_and_claim_check_folders_are_never_served(string key)
    {
        var store = new FileAttachmentStore(_data);
        await File.WriteAllTextAsync(Path.Combine(_data.Root, "link-signing.key"), "secret");
        var raw = _data.PathOf("raw/7e/0195f6d2c0a07b3c9d1e2f3a4b5c6d7e");
        Directory.CreateDirectory(Path.GetDirectoryName(raw)!);
        await File.WriteAllTextAsync(raw, "From: someone");

        Assert.Null(await new FileAttachmentDownloads(store).OpenAsync(key, CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_data.Root, recursive: true);
}
