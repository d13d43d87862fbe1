using System.Text;
using Mailflow.Core.Ports;
using Mailflow.Testing.Support;

namespace Mailflow.Testing.Contracts;

/// <summary>What every <see cref="IAttachmentStore"/> must do, run against each adapter by a subclass.</summary>
public abstract class AttachmentStoreContractTests : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N");
    private IAttachmentStore? _store;

    protected IAttachmentStore Store => _store ?? throw new InvalidOperationException("The store opens in InitializeAsync.");

    /// <summary>Opens the store under test.</summary>
    protected abstract Task<IAttachmentStore> OpenStoreAsync();

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A key under a prefix of this test's own, shaped like <c>StorageKeys</c>' attachment keys.</summary>
    protected string Key(string name) => $"attachments/{_run}/{name}";

    protected Task PutAsync(string key, byte[] content, string contentType = "application/octet-stream") =>
        Store.PutAsync(key, new MemoryStream(content, writable: false), contentType, CancellationToken.None);

    protected async Task<byte[]> ReadAsync(string key) => await Bytes.ReadAllAsync(await Store.OpenReadAsync(key, CancellationToken.None));

    [Fact]
    public async Task A_stored_object_reads_back()
    {
        var json = Encoding.UTF8.GetBytes("{\"schema\":\"mailflow.inbound/1\",\"subject\":\"Grüße, 件名\"}");
        await PutAsync(Key("envelope.json"), json, "application/json");

        Assert.Equal(json, await ReadAsync(Key("envelope.json")));
    }

    [Fact]
    public async Task A_3_MiB_binary_reads_back_byte_for_byte()
    {
        var pdf = Bytes.Random(3 * 1024 * 1024);
        await PutAsync(Key("0"), pdf, "application/pdf");

        Assert.Equal(pdf, await ReadAsync(Key("0")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    [InlineData(3 * 1024 * 1024 + 5)]
    public async Task Content_from_a_stream_that_cannot_seek_is_stored_whole(int length)
    {
        var content = Bytes.Random(length, seed: length);
        await using (var decoding = new NonSeekableStream(new MemoryStream(content)))
        {
            await Store.PutAsync(Key("decoded"), decoding, "image/png", CancellationToken.None);
        }

        Assert.Equal(content, await ReadAsync(Key("decoded")));
    }

    [Fact]
    public async Task Putting_a_key_again_replaces_its_content()
    {
        await PutAsync(Key("1"), Bytes.Random(50_000, seed: 1));
        var shorter = Bytes.Random(10, seed: 2);

        await PutAsync(Key("1"), shorter);

        Assert.Equal(shorter, await ReadAsync(Key("1")));
    }

    [Fact]
    public async Task An_empty_object_reads_back_empty()
    {
        await PutAsync(Key("empty.txt"), [], "text/plain");

        Assert.Empty(await ReadAsync(Key("empty.txt")));
    }

    [Fact]
    public async Task A_missing_key_is_StoredObjectNotFoundException_naming_the_key()
    {
        await PutAsync(Key("2"), [1, 2, 3]);

        var error = await Assert.ThrowsAsync<StoredObjectNotFoundException>(() => Store.OpenReadAsync(Key("3"), CancellationToken.None));

        Assert.Equal(Key("3"), error.Key);
    }
}
