using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Ledger;

/// <summary>Placeholder so that local hosting compiles; the ledger branch replaces this file with the real reader.</summary>
public sealed class SqliteMessageLedgerReader : IMessageLedgerReader
{
    public SqliteMessageLedgerReader(SqliteQueueEngine engine) => ArgumentNullException.ThrowIfNull(engine);

    public Task<MessagePage> SearchAsync(MessageSearch search, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<MessageSummary?> GetAsync(string mailId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<LedgerEntry>> TimelineAsync(string mailId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<MetricsSummary> SummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<MetricPoint>> SeriesAsync(string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<AuditPage> AuditAsync(string? cursor, int limit, CancellationToken cancellationToken) => throw new NotImplementedException();
}
