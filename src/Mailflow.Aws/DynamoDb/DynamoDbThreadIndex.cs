using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Core.Ports;
using Mailflow.Core.Threading;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// <see cref="IThreadIndex"/> on the environment's table, the AWS twin of <c>SqliteThreadIndex</c>. Two item kinds:
/// the mail (<c>thread#mail#{mailId}</c>, sort key <c>mail</c>: every fact of its <see cref="ThreadEntry"/>) and one
/// pointer per normalised Message-ID (<c>thread#msgid#{id}</c>, sort key <c>msgid</c>: the mail id it names). Both
/// live <c>retention</c> (the config's <c>retention.ledgerDays</c>) from when they were last recorded.
/// </summary>
/// <remarks>
/// <para>
/// SQLite records a mail in one transaction; dynalite has no transactions (DESIGN.md §4), so a record is a sequence of
/// single-item writes ordered so that a crash between any two leaves nothing a reader would believe wrongly, and the
/// retry (the platform redelivers the record, which records the same facts) completes it:
/// </para>
/// <list type="number">
/// <item>each Message-ID pointer is claimed with <c>attribute_not_exists(pk) OR mailId = :mine</c> (or an expired
/// pointer), so the FIRST mail recorded under an id keeps it, as SQLite's <c>ON CONFLICT DO NOTHING</c> does, and a
/// retry re-claims its own pointers;</item>
/// <item>pointers of ids the mail no longer has are deleted, conditional on still naming this mail;</item>
/// <item>the mail item is put last: it is the commit point, and it lists the ids the mail is known under.</item>
/// </list>
/// <para>
/// A reader follows a pointer only to a live mail item that lists the id. A crash after step 1 leaves pointers to a
/// mail item that is missing or does not list them yet: ignored until the retry puts the mail item. A crash after
/// step 2 leaves the old mail item with some of its old pointers gone: those ids find nothing, as they would once the
/// replacement lands. Putting the mail item first would be worse: it would list new ids with no pointers, and the old
/// pointers it no longer lists could never be found to be deleted. A first record that never gets its retry keeps its
/// pointers, so its ids stay reserved for it (finding nothing) until their <c>ttl</c>: the price of "first mail keeps
/// the id" without transactions.
/// </para>
/// </remarks>
public sealed class DynamoDbThreadIndex : IThreadIndex
{
    private const string MailSortKey = "mail";
    private const string MessageIdSortKey = "msgid";
    private const string MailIdAttribute = "mailId";
    private const string ThreadIdAttribute = "threadId";
    private const string DirectionAttribute = "direction";
    private const string MessageIdsAttribute = "messageIds";
    private const string ReferencesAttribute = "references";
    private const string HopsAttribute = "hops";
    private const string NoAutoReplyReasonAttribute = "noAutoReplyReason";
    private const string MessageIdAttribute = "messageId";

    /// <summary>Free, already this mail's (a retry or a re-record), or expired but not yet deleted by DynamoDB.</summary>
    private const string ClaimPointerCondition = "attribute_not_exists(#pk) OR #mailId = :mine OR #ttl <= :now";

    private const string OwnedPointerCondition = "#mailId = :mine";

    private readonly IAmazonDynamoDB _db;
    private readonly DynamoDbTable _table;
    private readonly TimeSpan _retention;

    /// <param name="retention">How long a recorded mail stays findable (<c>retention.ledgerDays</c>): replies come weeks later.</param>
    public DynamoDbThreadIndex(IAmazonDynamoDB db, DynamoDbTable table, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        _db = db;
        _table = table;
        _retention = retention;
    }

    /// <summary>Replaces the mail and the Message-IDs naming it, in the crash-safe order described on the class.</summary>
    public async Task RecordAsync(ThreadEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = _table.Time.GetUtcNow();
        var ttl = DynamoDbItem.EpochSecondsRoundedUp(now + _retention);
        var messageIds = Normalized(entry.MessageIds);
        var previous = await GetAsync(MailKey(entry.MailId), cancellationToken).ConfigureAwait(false);
        var dropped = previous is null
            ? []
            : Normalized(DynamoDbItem.GetStrings(previous, MessageIdsAttribute)).Except(messageIds, StringComparer.Ordinal).ToArray();

        await Task.WhenAll(messageIds.Select(id => ClaimPointerAsync(id, entry.MailId, now, ttl, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(dropped.Select(id => ForgetPointerAsync(id, entry.MailId, cancellationToken))).ConfigureAwait(false);

        var item = MailKey(entry.MailId);
        item[MailIdAttribute] = DynamoDbItem.String(entry.MailId);
        item[ThreadIdAttribute] = DynamoDbItem.String(entry.ThreadId);
        item[DirectionAttribute] = DynamoDbItem.String(entry.Direction);
        item[MessageIdsAttribute] = DynamoDbItem.Strings(entry.MessageIds);
        item[ReferencesAttribute] = DynamoDbItem.Strings(entry.References);
        item[HopsAttribute] = DynamoDbItem.Number(entry.Hops);
        DynamoDbItem.PutIfPresent(item, NoAutoReplyReasonAttribute, entry.NoAutoReplyReason);
        item[DynamoDbTableSchema.TimeToLive] = DynamoDbItem.Number(ttl);
        await _db.PutItemAsync(new PutItemRequest { TableName = _table.Name, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ThreadEntry?> FindByMailIdAsync(string mailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        var item = await GetAsync(MailKey(mailId), cancellationToken).ConfigureAwait(false);
        return item is not null && DynamoDbItem.IsLive(item, _table.Time.GetUtcNow()) ? ToEntry(item) : null;
    }

    /// <summary>
    /// Two batched reads whatever the number of ids (a long References header quotes dozens): the pointers of every
    /// wanted id, then the mails they name. The first wanted id whose pointer leads to a live mail listing it wins.
    /// </summary>
    public async Task<ThreadEntry?> FindByMessageIdsAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var wanted = Normalized(messageIds);
        if (wanted.Length == 0)
        {
            return null;
        }
        var now = _table.Time.GetUtcNow();
        var pointers = await DynamoDbBatchReader.GetAsync(
            _db, _table.Name, [.. wanted.Select(PointerKey)], cancellationToken).ConfigureAwait(false);
        var mailIdsByMessageId = pointers
            .Where(pointer => DynamoDbItem.IsLive(pointer, now))
            .ToDictionary(
                pointer => DynamoDbItem.RequireString(pointer, MessageIdAttribute),
                pointer => DynamoDbItem.RequireString(pointer, MailIdAttribute),
                StringComparer.Ordinal);
        var mailIds = wanted.Select(mailIdsByMessageId.GetValueOrDefault).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (mailIds.Length == 0)
        {
            return null;
        }
        var mails = (await DynamoDbBatchReader.GetAsync(_db, _table.Name, [.. mailIds.Select(MailKey)], cancellationToken).ConfigureAwait(false))
            .Where(mail => DynamoDbItem.IsLive(mail, now))
            .Select(ToEntry)
            .ToDictionary(mail => mail.MailId, StringComparer.Ordinal);
        foreach (var id in wanted)
        {
            if (mailIdsByMessageId.TryGetValue(id, out var mailId)
                && mails.TryGetValue(mailId, out var mail)
                && Normalized(mail.MessageIds).Contains(id, StringComparer.Ordinal))
            {
                return mail;
            }
        }
        return null;
    }

    /// <summary>The ids as the index keys them (<see cref="MessageIds.Normalize"/>), blanks dropped, first occurrence kept.</summary>
    private static string[] Normalized(IEnumerable<string> messageIds) =>
        [.. messageIds.Select(MessageIds.Normalize).OfType<string>().Distinct(StringComparer.Ordinal)];

    private async Task ClaimPointerAsync(string messageId, string mailId, DateTimeOffset now, long ttl, CancellationToken cancellationToken)
    {
        var item = PointerKey(messageId);
        item[MessageIdAttribute] = DynamoDbItem.String(messageId);
        item[MailIdAttribute] = DynamoDbItem.String(mailId);
        item[DynamoDbTableSchema.TimeToLive] = DynamoDbItem.Number(ttl);
        try
        {
            await _db.PutItemAsync(new PutItemRequest
            {
                TableName = _table.Name,
                Item = item,
                ConditionExpression = ClaimPointerCondition,
                ExpressionAttributeNames = new()
                {
                    ["#pk"] = DynamoDbTableSchema.PartitionKey,
                    ["#mailId"] = MailIdAttribute,
                    ["#ttl"] = DynamoDbTableSchema.TimeToLive,
                },
                ExpressionAttributeValues = new()
                {
                    [":mine"] = DynamoDbItem.String(mailId),
                    [":now"] = DynamoDbItem.Number(now.ToUnixTimeSeconds()),
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another mail was recorded under this id first and keeps it.
        }
    }

    private async Task ForgetPointerAsync(string messageId, string mailId, CancellationToken cancellationToken)
    {
        try
        {
            await _db.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table.Name,
                Key = PointerKey(messageId),
                ConditionExpression = OwnedPointerCondition,
                ExpressionAttributeNames = new() { ["#mailId"] = MailIdAttribute },
                ExpressionAttributeValues = new() { [":mine"] = DynamoDbItem.String(mailId) },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Gone already (an earlier attempt of this record) or another mail's: not ours to delete.
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(Dictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        // Strongly consistent: a reply may arrive moments after its original was recorded
        // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html).
        var response = await _db.GetItemAsync(
            new GetItemRequest { TableName = _table.Name, Key = key, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return DynamoDbItem.Exists(response.Item) ? response.Item : null;
    }

    private static ThreadEntry ToEntry(Dictionary<string, AttributeValue> item) => new(
        DynamoDbItem.RequireString(item, MailIdAttribute),
        DynamoDbItem.RequireString(item, ThreadIdAttribute),
        DynamoDbItem.RequireString(item, DirectionAttribute),
        DynamoDbItem.GetStrings(item, MessageIdsAttribute),
        DynamoDbItem.GetStrings(item, ReferencesAttribute),
        checked((int)DynamoDbItem.RequireNumber(item, HopsAttribute)),
        DynamoDbItem.GetString(item, NoAutoReplyReasonAttribute));

    private static Dictionary<string, AttributeValue> MailKey(string mailId) => Key(DynamoDbKeys.ThreadMail(mailId), MailSortKey);

    private static Dictionary<string, AttributeValue> PointerKey(string messageId) => Key(DynamoDbKeys.ThreadMessageId(messageId), MessageIdSortKey);

    private static Dictionary<string, AttributeValue> Key(string partition, string sort) => new()
    {
        [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(partition),
        [DynamoDbTableSchema.SortKey] = DynamoDbItem.String(sort),
    };
}
