using System.Globalization;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// The message ledger on the environment's table, the AWS twin of <c>SqliteMessageLedger</c>. Every entry is its own
/// item under its mail's partition (<c>mail#{mailId}</c>), with the sort key <c>{at}#{event}#{random}</c>: <c>at</c>
/// is the UTC round-trip time (fixed width, so text order is time order), and the random suffix keeps two entries of
/// the same instant and event apart. Entries are appended with unconditional PutItem and never changed, so a mail's
/// timeline is one Query in time order. Each entry lives <c>retention</c> (<c>retention.ledgerDays</c>) after its
/// <see cref="LedgerEntry.At"/>.
/// </summary>
/// <remarks>
/// SQLite returns entries in insertion order; here entries of the same instant come back ordered by event name. The
/// pipeline stamps each step with its own clock reading, so only a fake clock in tests records two steps at once.
/// </remarks>
public sealed class DynamoDbMessageLedger : IMessageLedger
{
    private const string MailIdAttribute = "mailId";
    private const string EventAttribute = "event";
    private const string AtAttribute = "at";
    private const string EnvelopeIdAttribute = "envelopeId";
    private const string AppAttribute = "app";
    private const string QueueAttribute = "queue";
    private const string ReasonCodeAttribute = "reasonCode";
    private const string ReasonAttribute = "reason";
    private const string ProviderMessageIdAttribute = "providerMessageId";
    private const string MessageIdAttribute = "messageId";

    /// <summary>"O" of a UTC time: <c>2026-03-01T09:00:00.0000000Z</c>, always 28 characters.</summary>
    private const string TimeFormat = "O";

    /// <summary>
    /// Skips entries past their <c>ttl</c> that DynamoDB has not deleted yet
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
    /// </summary>
    private const string LiveFilter = "#ttl > :now";

    private readonly IAmazonDynamoDB _db;
    private readonly DynamoDbTable _table;
    private readonly TimeSpan _retention;

    /// <param name="retention">How long an entry is kept after its time (<c>retention.ledgerDays</c>).</param>
    public DynamoDbMessageLedger(IAmazonDynamoDB db, DynamoDbTable table, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        _db = db;
        _table = table;
        _retention = retention;
    }

    public async Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = entry.At.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        var item = new Dictionary<string, AttributeValue>
        {
            [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(DynamoDbKeys.LedgerMail(entry.MailId)),
            [DynamoDbTableSchema.SortKey] = DynamoDbItem.String($"{at}#{entry.Event}#{RandomNumberGenerator.GetHexString(16, lowercase: true)}"),
            [MailIdAttribute] = DynamoDbItem.String(entry.MailId),
            [EventAttribute] = DynamoDbItem.String(entry.Event.ToString()),
            [AtAttribute] = DynamoDbItem.String(at),
            [DynamoDbTableSchema.TimeToLive] = DynamoDbItem.Number(DynamoDbItem.EpochSecondsRoundedUp(entry.At + _retention)),
        };
        DynamoDbItem.PutIfPresent(item, EnvelopeIdAttribute, entry.EnvelopeId);
        DynamoDbItem.PutIfPresent(item, AppAttribute, entry.App);
        DynamoDbItem.PutIfPresent(item, QueueAttribute, entry.Queue);
        DynamoDbItem.PutIfPresent(item, ReasonCodeAttribute, entry.ReasonCode);
        DynamoDbItem.PutIfPresent(item, ReasonAttribute, entry.Reason);
        DynamoDbItem.PutIfPresent(item, ProviderMessageIdAttribute, entry.ProviderMessageId);
        DynamoDbItem.PutIfPresent(item, MessageIdAttribute, entry.MessageId);
        await _db.PutItemAsync(new PutItemRequest { TableName = _table.Name, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every live entry of one mail, oldest first: one strongly consistent Query, page by page.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string mailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        var request = new QueryRequest
        {
            TableName = _table.Name,
            KeyConditionExpression = "#pk = :pk",
            FilterExpression = LiveFilter,
            ExpressionAttributeNames = new() { ["#pk"] = DynamoDbTableSchema.PartitionKey, ["#ttl"] = DynamoDbTableSchema.TimeToLive },
            ExpressionAttributeValues = new()
            {
                [":pk"] = DynamoDbItem.String(DynamoDbKeys.LedgerMail(mailId)),
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

    private static LedgerEntry ToEntry(Dictionary<string, AttributeValue> item) => new(
        DynamoDbItem.RequireString(item, MailIdAttribute),
        Enum.Parse<LedgerEvent>(DynamoDbItem.RequireString(item, EventAttribute)),
        DateTimeOffset.ParseExact(DynamoDbItem.RequireString(item, AtAttribute), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        DynamoDbItem.GetString(item, EnvelopeIdAttribute),
        DynamoDbItem.GetString(item, AppAttribute),
        DynamoDbItem.GetString(item, QueueAttribute),
        DynamoDbItem.GetString(item, ReasonCodeAttribute),
        DynamoDbItem.GetString(item, ReasonAttribute),
        DynamoDbItem.GetString(item, ProviderMessageIdAttribute),
        DynamoDbItem.GetString(item, MessageIdAttribute));
}
