using Mailflow.Core.Operations;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>
/// A ledger read side over a list of summaries, for the operations that only consult it (ledger browse, replay's
/// envelope), so each test sets exactly what the ledger holds and sees what was asked of it. The DynamoDB reader itself
/// is checked by the reader contract on dynalite. Records every search it was asked.
/// </summary>
internal sealed class InMemoryLedgerReader : IMessageLedgerReader
{
    private readonly List<MessageSummary> _summaries = [];

    public List<MessageSearch> Searches { get; } = [];

    public void Add(MessageSummary summary) => _summaries.Add(summary);

    public Task<MessagePage> SearchAsync(MessageSearch search, CancellationToken cancellationToken)
    {
        Searches.Add(search);
        var items = _summaries
            .Where(s => search.App is null || s.Apps.Contains(search.App, StringComparer.OrdinalIgnoreCase))
            .Where(s => search.Status is null || s.Status == search.Status)
            .OrderByDescending(s => s.FirstSeen)
            .Take(search.Limit)
            .ToList();
        return Task.FromResult(new MessagePage(items, null));
    }

    public Task<MessageSummary?> GetAsync(string mailId, CancellationToken cancellationToken) =>
        Task.FromResult(_summaries.FirstOrDefault(s => s.MailId == mailId));

    public Task<IReadOnlyList<LedgerEntry>> TimelineAsync(string mailId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LedgerEntry>>([]);

    public Task<MetricsSummary> SummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the operations under test.");

    public Task<IReadOnlyList<MetricPoint>> SeriesAsync(string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the operations under test.");

    public Task<AuditPage> AuditAsync(string? cursor, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the operations under test.");
}
