using Mailflow.Core.Ports;

namespace Mailflow.Local.Storage;

/// <summary>Attachments and claim-checked envelopes in the data directory, written durably before an envelope points at them.</summary>
public sealed class FileAttachmentStore(DataDirectory data) : IAttachmentStore
{
    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken) =>
        await DurableFile.WriteAsync(data.PathOf(key), content, cancellationToken).ConfigureAwait(false);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(OpenRead(key) ?? throw new StoredObjectNotFoundException(key));

    /// <summary>Opens a stored object, or returns null when there is none.</summary>
    public Stream? OpenRead(string key)
    {
        var path = data.PathOf(key);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous) : null;
    }
}
