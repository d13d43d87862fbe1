using System.Text;
using System.Text.Json;
using Mailflow.Core.Operations;
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
        // Two writes within the filesystem's timestamp granularity would leave an older cached state looking current.
        _cache = new CachedState(File.GetLastWriteTimeUtc(data.InboundState), record);
        return record;
    }

    /// <summary>
    /// Applies a rollback switch (<see cref="InboundSwitches.Next"/>) and returns the state it left. The file is written
    /// only when the state changes, so the change time stays that of the last real change.
    /// </summary>
    public async Task<InboundStateRecord> ApplyAsync(InboundSwitch change, CancellationToken cancellationToken)
    {
        var current = Read();
        var next = InboundSwitches.Next(current.State, change);
        return next == current.State ? current : await WriteAsync(next, cancellationToken).ConfigureAwait(false);
    }

    private sealed record CachedState(DateTime Stamp, InboundStateRecord Record);
}
