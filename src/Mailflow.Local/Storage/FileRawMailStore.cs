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
    /// Stores a received mail and its SMTP envelope durably (see <see cref="DurableFile"/>): the envelope in a
    /// sidecar <c>{key}.envelope.json</c>, which only recovery reads, since the MIME alone does not say who the
    /// recipients were (Bcc). Returns the mail's size.
    /// </summary>
    public async Task<long> StoreAsync(string key, Stream content, StoredEnvelope envelope, CancellationToken cancellationToken)
    {
        var path = data.PathOf(key);
        using (var sidecar = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(envelope, StoredEnvelopeJsonContext.Default.StoredEnvelope)))
        {
            await DurableFile.WriteAsync(path + EnvelopeSuffix, sidecar, cancellationToken, syncDirectory: false).ConfigureAwait(false);
        }
        var size = await DurableFile.WriteAsync(path, content, cancellationToken, syncDirectory: false).ConfigureAwait(false);
        DurableFile.SyncDirectory(Path.GetDirectoryName(path)!);
        return size;
    }

    /// <summary>Every stored mail under <paramref name="prefix"/> (e.g. <c>raw/</c>) with its envelope, for recovery.</summary>
    public IEnumerable<(string Key, StoredEnvelope Envelope)> List(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var directory = Path.GetDirectoryName(data.PathOf(prefix.TrimEnd('/') + "/x"))!;
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        foreach (var sidecar in Directory.EnumerateFiles(directory, "*" + EnvelopeSuffix))
        {
            var mail = sidecar[..^EnvelopeSuffix.Length];
            if (File.Exists(mail) &&
                JsonSerializer.Deserialize(File.ReadAllText(sidecar), StoredEnvelopeJsonContext.Default.StoredEnvelope) is { } envelope)
            {
                yield return (prefix.TrimEnd('/') + "/" + Path.GetFileName(mail), envelope);
            }
        }
    }
}
