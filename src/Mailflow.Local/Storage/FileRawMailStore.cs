using System.Text.Json;
using Mailflow.Core.Ports;

namespace Mailflow.Local.Storage;

/// <summary>Raw mail in the data directory, under the same keys the SES S3 action uses (<c>raw/{messageId}</c>).</summary>
public sealed class FileRawMailStore(DataDirectory data) : IRawMailStore
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
    /// Stores a received mail durably, then its SMTP envelope in a sidecar <c>{key}.envelope.json</c>. The mail is
    /// written and fsynced under its final name, then the sidecar is written, then the directory is fsynced, so that
    /// a mail without a sidecar, or whose sidecar names another size, is a write a crash interrupted. Only start-up
    /// recovery reads sidecars, and only for mails that never reached the queue, which were never acknowledged
    /// with 250: the sidecar needs no fsync of its own. Returns the mail's size.
    /// </summary>
    public async Task<long> StoreAsync(string key, Stream content, StoredEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(envelope);
        var path = data.PathOf(key);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        long size;
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
            size = file.Length;
        }
        await File.WriteAllBytesAsync(path + EnvelopeSuffix,
            JsonSerializer.SerializeToUtf8Bytes(envelope with { Size = size }, StoredEnvelopeJsonContext.Default.StoredEnvelope), cancellationToken).ConfigureAwait(false);
        DurableFile.SyncDirectory(directory);
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
