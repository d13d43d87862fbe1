using System.Text;
using System.Text.Json;
using Mailflow.Local.Storage;

namespace Mailflow.Local.Inbound;

/// <summary>
/// The inbound state kept in <c>inbound-state.json</c> in the data directory, so that <c>mailflow inbound pause</c>
/// in another process changes what a running <c>mailflow run</c> answers. Reads are cached and re-read when the
/// file's timestamp changes; writes replace the file atomically.
/// </summary>
public sealed class InboundStateFile(DataDirectory data, TimeProvider time)
{
    // One reference, swapped whole: concurrent SMTP sessions read it without a lock and never see half an update.
    private volatile CachedState? _cache;

    public InboundStateRecord Read()
    {
        var path = data.InboundState;
        if (!File.Exists(path))
        {
            return InboundStateRecord.Default;
        }
        var stamp = File.GetLastWriteTimeUtc(path);
        if (_cache is { } cached && cached.Stamp == stamp)
        {
            return cached.Record;
        }
        var record = JsonSerializer.Deserialize(File.ReadAllText(path), InboundStateJsonContext.Default.InboundStateRecord) ?? InboundStateRecord.Default;
        _cache = new CachedState(stamp, record);
        return record;
    }

    public async Task<InboundStateRecord> WriteAsync(InboundState state, CancellationToken cancellationToken)
    {
        var record = new InboundStateRecord(state, time.GetUtcNow());
        var json = JsonSerializer.Serialize(record, InboundStateJsonContext.Default.InboundStateRecord);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(json));
        await DurableFile.WriteAsync(data.InboundState, content, cancellationToken).ConfigureAwait(false);
        return record;
    }

    private sealed record CachedState(DateTime Stamp, InboundStateRecord Record);
}
