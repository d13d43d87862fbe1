using Mailflow.Core.Ports;

namespace Mailflow.Core.Operations;

/// <summary>
/// The counters a ledger entry adds to, in one place for every ledger: the writers (SQLite, DynamoDB) count with
/// <see cref="CountersOf"/> and the API reads the same names, so the overview can never show a name nothing writes.
/// Counters are kept per minute (<see cref="Bucket"/>); per-app counters carry the app, the others an empty app.
/// </summary>
public static class LedgerMetrics
{
    public const string Received = "received";
    public const string Routed = "routed";
    public const string Quarantined = "quarantined";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string DeadLettered = "deadLettered";
    public const string Sent = "sent";
    public const string Duplicates = "duplicates";
    public const string Suppressed = "suppressed";
    public const string LatencyP50 = "latencyP50";
    public const string LatencyP95 = "latencyP95";
    public const string LatencyP99 = "latencyP99";

    /// <summary>Counter names of the latency histogram: <c>latency.{bucket}</c> (<see cref="LatencyHistogram"/>).</summary>
    public const string LatencyPrefix = "latency.";

    public static TimeSpan Resolution { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The counters a series can be asked for.</summary>
    public static IReadOnlyList<string> SeriesNames { get; } =
        [Received, Routed, Quarantined, Rejected, Failed, DeadLettered, Sent, Duplicates, Suppressed, LatencyP50, LatencyP95, LatencyP99];

    /// <summary>The start of the minute an entry counts in.</summary>
    public static DateTimeOffset Bucket(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % Resolution.Ticks), TimeSpan.Zero);

    /// <summary>What one entry adds 1 to: (counter name, app or "").</summary>
    public static IEnumerable<(string Name, string App)> CountersOf(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = entry.Event switch
        {
            LedgerEvent.Received => Received,
            LedgerEvent.Routed => Routed,
            LedgerEvent.Quarantined => Quarantined,
            LedgerEvent.Rejected => Rejected,
            LedgerEvent.Failed => Failed,
            LedgerEvent.DeadLettered => DeadLettered,
            LedgerEvent.Sent => Sent,
            LedgerEvent.Duplicate => Duplicates,
            LedgerEvent.Suppressed => Suppressed,
            _ => null,
        };
        if (name is not null)
        {
            yield return (name, entry.Event == LedgerEvent.Routed ? entry.App ?? "" : "");
        }
        if (entry.Latency is { } latency)
        {
            yield return (LatencyPrefix + LatencyHistogram.BucketOf(latency), "");
        }
    }
}
