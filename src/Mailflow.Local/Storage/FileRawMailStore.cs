using System.Text.Json;
using Mailflow.Core.Ports;

namespace Mailflow.Local.Storage;

/// <summary>Raw mail in the data directory, under the same keys the SES S3 action uses (<c>raw/{messageId}</c>).</summary>
public sealed class FileRawMailStore(DataDirectory data, FileSystemSync sync) : IRawMailStore
{
    public Task<Stream> OpenReadAsync(RawMailLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var path = data.PathOf(location.Key);
        if (!File.Exists(path))
        {
            throw new RawMailNotFoundException(location);
        }
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous);
        return Task.FromResult(stream);
    }

    public const string EnvelopeSuffix = ".envelope.json";

    /// <summary>
    /// Stores a received mail, then its SMTP envelope in a sidecar <c>{key}.envelope.json</c> naming its size, then waits
    /// for both to be on disk (<see cref="FileSystemSync"/>). A mail without a sidecar, or whose sidecar names another
    /// size, is a write a crash interrupted; such a mail was never acknowledged with 250. Only start-up recovery reads
    /// sidecars. Returns the mail's size.
    /// </summary>
    public async Task<long> StoreAsync(string key, Stream content, StoredEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(envelope);
        var path = data.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long size;
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            size = file.Length;
        }
        File.WriteAllBytes(path + EnvelopeSuffix, JsonSerializer.SerializeToUtf8Bytes(envelope with { Size = size }, StoredEnvelopeJsonContext.Default.StoredEnvelope));
        await sync.SyncAsync().ConfigureAwait(false);
        return size;
    }

    /// <summary>Every stored mail under <paramref name="prefix"/> (e.g. <c>raw/</c>, subdirectories included) with its envelope, for recovery.</summary>
    public IEnumerable<(string Key, StoredEnvelope Envelope)> List(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var directory = Path.GetDirectoryName(data.PathOf(prefix.TrimEnd('/') + "/x"))!;
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        foreach (var sidecar in Directory.EnumerateFiles(directory, "*" + EnvelopeSuffix, SearchOption.AllDirectories))
        {
            var mail = sidecar[..^EnvelopeSuffix.Length];
            if (File.Exists(mail) && ReadSidecar(sidecar) is { } envelope && envelope.Size == new FileInfo(mail).Length)
            {
                yield return (Path.GetRelativePath(data.Root, mail).Replace(Path.DirectorySeparatorChar, '/'), envelope);
            }
        }
    }

    /// <summary>
    /// Deletes stored mails under <paramref name="prefix"/> that a crash interrupted: no sidecar, or one that is unreadable
    /// or names another size. None of them was acknowledged with 250. Call only while nothing is storing mail.
    /// </summary>
    public int RemoveIncomplete(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var directory = Path.GetDirectoryName(data.PathOf(prefix.TrimEnd('/') + "/x"))!;
        if (!Directory.Exists(directory))
        {
            return 0;
        }
        var removed = 0;
        foreach (var mail in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(EnvelopeSuffix, StringComparison.Ordinal)).ToList())
        {
            var sidecar = mail + EnvelopeSuffix;
            if (File.Exists(sidecar) && ReadSidecar(sidecar) is { } envelope && envelope.Size == new FileInfo(mail).Length)
            {
                continue;
            }
            File.Delete(mail);
            File.Delete(sidecar);
            removed++;
        }
        return removed;
    }

    private static StoredEnvelope? ReadSidecar(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), StoredEnvelopeJsonContext.Default.StoredEnvelope);
        }
        catch (JsonException)
        {
            // Half-written by a crash: that mail was never acknowledged, and its sender retries.
            return null;
        }
    }
}
