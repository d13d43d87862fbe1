using Mailflow.Core.Ports;
using Mailflow.Local.Storage;

namespace Mailflow.Local.Tests.Storage;

public sealed class FileRawMailStoreTests : IDisposable
{
    private readonly DataDirectory _data = new(Directory.CreateTempSubdirectory("mailflow-raw-").FullName);
    private readonly FileSystemSync _sync;
    private readonly FileRawMailStore _store;

    public FileRawMailStoreTests()
    {
        _sync = new FileSystemSync(_data.Root);
        _store = new FileRawMailStore(_data, _sync);
    }

    public void Dispose()
    {
        _sync.Dispose();
        Directory.Delete(_data.Root, recursive: true);
    }

    [Fact]
    public async Task A_stored_mail_reads_back_and_lists_with_its_envelope_and_size()
    {
        var mail = "Subject: hi\r\n\r\nbody\r\n"u8.ToArray();
        var envelope = new StoredEnvelope("ann@sender.example", ["_app1@example.com", "_app2@example.com"], DateTimeOffset.UnixEpoch);

        var size = await _store.StoreAsync("raw/ab/0001ab", new MemoryStream(mail), envelope, CancellationToken.None);

        Assert.Equal(mail.Length, size);
        await using (var read = await _store.OpenReadAsync(new RawMailLocation("any", "raw/ab/0001ab"), CancellationToken.None))
        {
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(mail, copy.ToArray());
        }
        var (key, listed) = Assert.Single(_store.List("raw/"));
        Assert.Equal("raw/ab/0001ab", key);
        Assert.Equal(envelope.Recipients, listed.Recipients);
        Assert.Equal(mail.Length, listed.Size);
    }

    [Fact]
    public async Task Mails_without_a_complete_envelope_are_not_listed_and_are_removed()
    {
        await _store.StoreAsync("raw/cd/0002cd", new MemoryStream("Subject: ok\r\n\r\n"u8.ToArray()),
            new StoredEnvelope("a@b.example", ["_app1@example.com"], DateTimeOffset.UnixEpoch), CancellationToken.None);
        Directory.CreateDirectory(Path.Combine(_data.Root, "raw", "ef"));
        var interrupted = Path.Combine(_data.Root, "raw", "ef", "0003ef");
        await File.WriteAllTextAsync(interrupted, "Subject: half");
        var wrongSize = Path.Combine(_data.Root, "raw", "ef", "0004ef");
        await File.WriteAllTextAsync(wrongSize, "Subject: longer than it says");
        await File.WriteAllTextAsync(wrongSize + FileRawMailStore.EnvelopeSuffix, """{"mailFrom":"a@b.example","recipients":[],"receivedAt":"2026-01-01T00:00:00Z","size":3}""");

        Assert.Equal(["raw/cd/0002cd"], _store.List("raw/").Select(m => m.Key));
        Assert.Equal(2, _store.RemoveIncomplete("raw/"));
        Assert.False(File.Exists(interrupted));
        Assert.False(File.Exists(wrongSize));
        Assert.Single(_store.List("raw/"));
    }

    [Fact]
    public async Task A_key_outside_the_data_directory_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.OpenReadAsync(new RawMailLocation("any", "../../etc/passwd"), CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_mail_is_a_permanent_not_found()
    {
        await Assert.ThrowsAsync<RawMailNotFoundException>(() =>
            _store.OpenReadAsync(new RawMailLocation("any", "raw/00/nothing"), CancellationToken.None));
    }
}
