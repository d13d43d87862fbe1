using System.Collections.Concurrent;
using Mailflow.Core.Ports;

namespace Mailflow.Core.InMemory;

/// <summary>An attachment store in memory, for tests and <c>mailflow parse</c>.</summary>
public sealed class InMemoryAttachmentStore : IAttachmentStore
{
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _objects = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (byte[] Content, string ContentType)> Objects => _objects;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        _objects[key] = (buffer.ToArray(), contentType);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(_objects.TryGetValue(key, out var stored)
            ? new MemoryStream(stored.Content, writable: false)
            : throw new StoredObjectNotFoundException(key));
}
