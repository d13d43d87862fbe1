using Mailflow.Core.Ports;

namespace Mailflow.Core.Operations;

/// <summary>
/// Reads the ledger for the API: search over one summary per mail, a mail's timeline, and the counters every figure
/// of the overview comes from. The counters are kept by the ledger's writer from the entries themselves
/// (<see cref="LedgerMetrics"/>), so a figure is never read under a name nothing writes.
/// </summary>
public interface IMessageLedgerReader
{
    /// <summary>Mails newest first (by first entry), filtered; <see cref="MessageSearch.Cursor"/> continues a previous page.</summary>
    /// <exception cref="ArgumentException">The cursor was not one this reader issued.</exception>
    Task<MessagePage> SearchAsync(MessageSearch search, CancellationToken cancellationToken);

    /// <summary>The mail's summary, or null when the ledger has no entry for it.</summary>
    Task<MessageSummary?> GetAsync(string mailId, CancellationToken cancellationToken);

    /// <summary>
    /// Every entry of one mail, oldest first (empty when there is none), with <see cref="LedgerEntry.Latency"/> and
    /// <see cref="LedgerEntry.Actor"/>. <see cref="LedgerEntry.Facts"/> is always null here: ledgers keep the facts on
    /// the mail's summary (<see cref="GetAsync"/>), not on each entry. Latency comes back in whole milliseconds.
    /// </summary>
    Task<IReadOnlyList<LedgerEntry>> TimelineAsync(string mailId, CancellationToken cancellationToken);

    /// <summary>Counter totals over [from, to), at the counters' one-minute resolution.</summary>
    Task<MetricsSummary> SummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>One metric over [from, to) in buckets of <paramref name="step"/> (a whole number of minutes).</summary>
    Task<IReadOnlyList<MetricPoint>> SeriesAsync(string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken);

    /// <summary>Audit entries newest first; <paramref name="cursor"/> continues a previous page.</summary>
    Task<AuditPage> AuditAsync(string? cursor, int limit, CancellationToken cancellationToken);
}
