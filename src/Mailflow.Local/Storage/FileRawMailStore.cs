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
    /// Stores a received mail with its SMTP envelope, which names the mail's size, then waits for both to be on disk
    /// (<see cref="FileSystemSync"/>). The envelope goes into an extended attribute of the mail file
    /// (<see cref="EnvelopeAttribute"/>), or, where the filesystem keeps none, a sidecar <c>{key}.envelope.json</c>.
    /// A mail without an envelope, or whose envelope names another size, is a write a crash interrupted; it was never
    /// acknowledged with 250. Only start-up recovery reads envelopes. Returns the mail's size.
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
            file.Flush();
            size = file.Length;
            var json = JsonSerializer.SerializeToUtf8Bytes(envelope with { Size = size }, StoredEnvelopeJsonContext.Default.StoredEnvelope);
            if (!EnvelopeAttribute.TryWrite(file.SafeFileHandle, json))
            {
                File.WriteAllBytes(path + EnvelopeSuffix, json);
            }
        }
        await sync.SyncAsync().ConfigureAwait(false);
        return size;
    }

    /// <summary>Every complete stored mail under <paramref name="prefix"/> (e.g. <c>raw/</c>, subdirectories included) with its envelope, for recovery.</summary>
    public IEnumerable<(string Key, StoredEnvelope Envelope)> List(string prefix)
    {
        foreach (var (mail, envelope) in Scan(prefix))
        {
            if (envelope is not null)
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
        var removed = 0;
        foreach (var (mail, envelope) in Scan(prefix).Where(m => m.Envelope is null).ToList())
        {
            File.Delete(mail);
            File.Delete(mail + EnvelopeSuffix);
            removed++;
        }
        return removed;
    }

    /// <summary>Every mail file under the prefix, with its envelope when it is complete, else null.</summary>
    private IEnumerable<(string Path, StoredEnvelope? Envelope)> Scan(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var directory = Path.GetDirectoryName(data.PathOf(prefix.TrimEnd('/') + "/x"))!;
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        foreach (var mail in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            if (mail.EndsWith(EnvelopeSuffix, StringComparison.Ordinal))
            {
                continue;
            }
            yield return (mail, CompleteEnvelopeOf(mail));
        }
    }

    /// <summary>The envelope of the complete mail stored under <paramref name="key"/>, or null when none is (or its write was interrupted).</summary>
    public StoredEnvelope? ReadEnvelope(string key)
    {
        var path = data.PathOf(key);
        return File.Exists(path) ? CompleteEnvelopeOf(path) : null;
    }

    private static StoredEnvelope? CompleteEnvelopeOf(string mail)
    {
        var json = EnvelopeAttribute.TryRead(mail) ?? (File.Exists(mail + EnvelopeSuffix) ? File.ReadAllBytes(mail + EnvelopeSuffix) : null);
        var envelope = json is null ? null : Parse(json);
        return envelope is not null && envelope.Size == new FileInfo(mail).Length ? envelope : null;
    }

    private static StoredEnvelope? Parse(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, StoredEnvelopeJsonContext.Default.StoredEnvelope);
        }
        catch (JsonException)
        {
            // Half-written by a crash: that mail was never acknowledged, and its sender retries.
            return null;
        }
    }
}
