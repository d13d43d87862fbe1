using System.Globalization;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Core.Ports;
using A = Mailflow.Aws.DynamoDb.DynamoDbLedgerAttributes;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// The message ledger on the environment's table, the AWS twin of <c>SqliteMessageLedger</c>. Every entry is its own
/// item under its mail's partition (<c>mail#{mailId}</c>), with the sort key <c>{at}#{event}#{random}</c>: <c>at</c>
/// is the UTC round-trip time (fixed width, so text order is time order), and the random suffix keeps two entries of
/// the same instant and event apart. Entries are appended with unconditional PutItem and never changed, so a mail's
/// timeline is one Query in time order. Each entry lives <c>retention</c> (<c>retention.ledgerDays</c>) after its
/// <see cref="LedgerEntry.At"/>. Beside the entry, the same call updates the mail's summary item
/// (<see cref="DynamoDbMailSummaryWriter"/>) and the counters (<see cref="DynamoDbCounterWriter"/>) that
/// <see cref="DynamoDbMessageLedgerReader"/> reads; audit entries also go into the search index by month.
/// </summary>
/// <remarks>
/// SQLite returns entries in insertion order; here entries of the same instant come back ordered by event name. The
/// pipeline stamps each step with its own clock reading, so only a fake clock in tests records two steps at once.
/// DynamoDB has no multi-item transaction in the emulator used by the tests (and none is needed): the entry, summary
/// and counter writes are independent single-item writes, each safe to repeat except the counters, which a retried
/// record counts again (as it also appends its entry again).
/// </remarks>
public sealed class DynamoDbMessageLedger : IMessageLedger
{
    /// <summary>
    /// Skips entries past their <c>ttl</c> that DynamoDB has not deleted yet
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
    /// </summary>
    internal const string LiveFilter = "#ttl > :now";

    private readonly IAmazonDynamoDB _db;
    private readonly DynamoDbTable _table;
    private readonly TimeSpan _retention;
    private readonly DynamoDbMailSummaryWriter _summaries;
    private readonly DynamoDbCounterWriter _counters;

    /// <param name="retention">How long an entry is kept after its time (<c>retention.ledgerDays</c>).</param>
    public DynamoDbMessageLedger(IAmazonDynamoDB db, DynamoDbTable table, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        _db = db;
        _table = table;
        _retention = retention;
        _summaries = new DynamoDbMailSummaryWriter(db, table, retention);
        _counters = new DynamoDbCounterWriter(db, table, retention);
    }

    public async Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var writes = new List<Task> { PutEntryAsync(entry, cancellationToken), _counters.CountAsync(entry, cancellationToken) };
        if (entry.Event != LedgerEvent.Audit)
        {
            writes.Add(_summaries.SummarizeAsync(entry, cancellationToken));
        }
        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    private async Task PutEntryAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var at = Format(entry.At);
        var sortKey = $"{at}#{entry.Event}#{RandomNumberGenerator.GetHexString(16, lowercase: true)}";
        var item = new Dictionary<string, AttributeValue>
        {
            [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(DynamoDbKeys.LedgerMail(entry.MailId)),
            [DynamoDbTableSchema.SortKey] = DynamoDbItem.String(sortKey),
            [A.MailId] = DynamoDbItem.String(entry.MailId),
            [A.Event] = DynamoDbItem.String(entry.Event.ToString()),
            [A.At] = DynamoDbItem.String(at),
            [DynamoDbTableSchema.TimeToLive] = DynamoDbItem.Number(DynamoDbItem.EpochSecondsRoundedUp(entry.At + _retention)),
        };
        DynamoDbItem.PutIfPresent(item, A.EnvelopeId, entry.EnvelopeId);
        DynamoDbItem.PutIfPresent(item, A.App, entry.App);
        DynamoDbItem.PutIfPresent(item, A.Queue, entry.Queue);
        DynamoDbItem.PutIfPresent(item, A.ReasonCode, entry.ReasonCode);
        DynamoDbItem.PutIfPresent(item, A.Reason, entry.Reason);
        DynamoDbItem.PutIfPresent(item, A.ProviderMessageId, entry.ProviderMessageId);
        DynamoDbItem.PutIfPresent(item, A.MessageId, entry.MessageId);
        DynamoDbItem.PutIfPresent(item, A.Actor, entry.Actor);
        if (entry.Latency is { } latency)
        {
            item[A.LatencyMs] = DynamoDbItem.Number((long)Math.Round(latency.TotalMilliseconds));
        }
        if (entry.Event == LedgerEvent.Audit)
        {
            item[DynamoDbTableSchema.IndexPartitionKey] = DynamoDbItem.String(DynamoDbKeys.AuditOfMonth(MonthOf(entry.At)));
            item[DynamoDbTableSchema.IndexSortKey] = DynamoDbItem.String(sortKey);
        }
        await _db.PutItemAsync(new PutItemRequest { TableName = _table.Name, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every live entry of one mail, oldest first: one strongly consistent Query, page by page (the summary item excluded).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string mailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        var request = new QueryRequest
        {
            TableName = _table.Name,
            KeyConditionExpression = "#pk = :pk AND #sk < :summary",
            FilterExpression = LiveFilter,
            ExpressionAttributeNames = new()
            {
                ["#pk"] = DynamoDbTableSchema.PartitionKey,
                ["#sk"] = DynamoDbTableSchema.SortKey,
                ["#ttl"] = DynamoDbTableSchema.TimeToLive,
            },
            ExpressionAttributeValues = new()
            {
                [":pk"] = DynamoDbItem.String(DynamoDbKeys.LedgerMail(mailId)),
                [":summary"] = DynamoDbItem.String(DynamoDbKeys.MailSummary),
                [":now"] = DynamoDbItem.Number(_table.Time.GetUtcNow().ToUnixTimeSeconds()),
            },
            ScanIndexForward = true,
            ConsistentRead = true,
        };
        var entries = new List<LedgerEntry>();
        do
        {
            var response = await _db.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            // SDK v4: no items is null, and the last page has a null LastEvaluatedKey.
            entries.AddRange((response.Items ?? []).Select(ToEntry));
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
        return entries;
    }

    internal static string Format(DateTimeOffset at) => at.UtcDateTime.ToString(A.TimeFormat, CultureInfo.InvariantCulture);

    internal static DateTimeOffset Parse(string at) => DateTimeOffset.ParseExact(at, A.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    internal static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);

    /// <summary>An entry item as the timeline shows it: <see cref="LedgerEntry.Facts"/> is null (facts live on the summary).</summary>
    internal static LedgerEntry ToEntry(Dictionary<string, AttributeValue> item) => new(
        DynamoDbItem.RequireString(item, A.MailId),
        Enum.Parse<LedgerEvent>(DynamoDbItem.RequireString(item, A.Event)),
        Parse(DynamoDbItem.RequireString(item, A.At)),
        DynamoDbItem.GetString(item, A.EnvelopeId),
        DynamoDbItem.GetString(item, A.App),
        DynamoDbItem.GetString(item, A.Queue),
        DynamoDbItem.GetString(item, A.ReasonCode),
        DynamoDbItem.GetString(item, A.Reason),
        DynamoDbItem.GetString(item, A.ProviderMessageId),
        DynamoDbItem.GetString(item, A.MessageId),
        Facts: null,
        Latency: DynamoDbItem.GetNumber(item, A.LatencyMs) is { } latency ? TimeSpan.FromMilliseconds(latency) : null,
        Actor: DynamoDbItem.GetString(item, A.Actor));
}
