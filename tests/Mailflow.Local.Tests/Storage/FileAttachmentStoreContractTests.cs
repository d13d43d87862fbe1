using Mailflow.Core.Ports;
using Mailflow.Local.Storage;
using Mailflow.Testing.Contracts;

namespace Mailflow.Local.Tests.Storage;

/// <summary>The attachment store contract on the data directory.</summary>
public sealed class FileAttachmentStoreContractTests : AttachmentStoreContractTests, IDisposable
{
    private readonly DataDirectory _data = new(Directory.CreateTempSubdirectory("mailflow-attachments-contract-").FullName);

    protected override Task<IAttachmentStore> OpenStoreAsync() => Task.FromResult<IAttachmentStore>(new FileAttachmentStore(_data));

    public void Dispose() => Directory.Delete(_data.Root, recursive: true);
}
