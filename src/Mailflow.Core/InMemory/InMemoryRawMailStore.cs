using System.Collections.Concurrent;
using Mailflow.Core.Ports;

namespace Mailflow.Core.InMemory;

/// <summary>A raw mail store over openers held in memory: byte arrays for tests, the mail being previewed for <c>InboundPreviewer</c>.</summary>
public sealed class InMemoryRawMailStore : IRawMailStore
{
    private readonly ConcurrentDictionary<string, Func<Stream>> _objects = new(StringComparer.Ordinal);

    public void Put(string key, byte[] content) => _objects[key] = () => new MemoryStream(content, writable: false);

    public void PutFile(string key, string path) => _objects[key] = () => File.OpenRead(path);

    /// <summary>Serves whatever <paramref name="open"/> returns; the reader disposes it, as it does every stream it reads.</summary>
    public void Put(string key, Func<Stream> open) => _objects[key] = open;

    public void Remove(string key) => _objects.TryRemove(key, out _);

    public Task<Stream> OpenReadAsync(RawMailLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        return _objects.TryGetValue(location.Key, out var open)
            ? Task.FromResult(open())
            : throw new RawMailNotFoundException(location);
    }
}
