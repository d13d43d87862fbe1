using Mailflow.Core.Ports;
using Mailflow.Local.Storage;
using Mailflow.Testing.Contracts;

namespace Mailflow.Local.Tests.Storage;

/// <summary>The raw mail contract on the data directory, with mail stored the way the SMTP listener stores it.</summary>
public sealed class FileRawMailStoreContractTests : RawMailStoreContractTests, IDisposable
{
    private readonly DataDirectory _data = new(Directory.CreateTempSubdirectory("mailflow-raw-contract-").FullName);
    private readonly FileSystemSync _sync;
    private readonly FileRawMailStore _store;

    public FileRawMailStoreContractTests()
    {
        _sync = new FileSystemSync(_data.Root);
        _store = new FileRawMailStore(_data, _sync);
    }

    protected override string Bucket => DataDirectory.Bucket;

    protected override Task<IRawMailStore> OpenStoreAsync() => Task.FromResult<IRawMailStore>(_store);

    protected override async Task PutRawAsync(RawMailLocation location, byte[] content) =>
        await _store.StoreAsync(location.Key, new MemoryStream(content),
            new StoredEnvelope("ann@sender.example", ["_app@example.com"], DateTimeOffset.UnixEpoch), CancellationToken.None);

    public void Dispose()
    {
        _sync.Dispose();
        Directory.Delete(_data.Root, recursive: true);
    }
}
