namespace Mailflow.Core.Pipeline;

/// <summary>The processing latency a ledger entry carries, from when the mail was received or enqueued.</summary>
internal static class LedgerLatency
{
    /// <summary>
    /// Time from <paramref name="since"/> to <paramref name="now"/>; none when the start is unknown. A clock ahead of ours
    /// (SES's, or a producer's SentTimestamp, versus the worker's) would give a negative latency: it counts as zero.
    /// </summary>
    public static TimeSpan? Since(DateTimeOffset? since, DateTimeOffset now) =>
        since is { } from ? (now > from ? now - from : TimeSpan.Zero) : null;
}
