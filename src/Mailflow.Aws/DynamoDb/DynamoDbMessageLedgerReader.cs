using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using A = Mailflow.Aws.DynamoDb.DynamoDbLedgerAttributes;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// <see cref="IMessageLedgerReader"/> on the environment's table. Search queries the index <see cref="DynamoDbTableSchema.Index"/>
/// one UTC day of first entries at a time, newest day first and newest mail first within it, with the filters as a
/// FilterExpression, until the page is full; the cursor is the index position of the last mail shown. Figures add up
/// the per-hour and per-minute counter items of the window (<see cref="CounterWindow"/>). Index reads are eventually
/// consistent (GSIs offer nothing else): a mail recorded a moment ago may show in search a moment later.
/// </summary>
public sealed class DynamoDbMessageLedgerReader : IMessageLedgerReader
{
    /// <summary>How far ahead of this clock a writer's clock may be and still have its newest mails found.</summary>
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Items evaluated beyond the page size when a filter may drop them (Query's Limit counts items before the filter).</summary>
    private const int FilteredReadAhead = 100;

    private readonly IAmazonDynamoDB _db;
    private readonly DynamoDbTable _table;
    private readonly TimeSpan _retention;
    private readonly DynamoDbMessageLedger _ledger;

    /// <param name="retention">The ledger's retention (<c>retention.ledgerDays</c>): nothing older is searched.</param>
    public DynamoDbMessageLedgerReader(IAmazonDynamoDB db, DynamoDbTable table, TimeSpan retention)
    {
        _ledger = new DynamoDbMessageLedger(db, table, retention);
        _db = db;
        _table = table;
        _retention = retention;
    }

    public async Task<MessagePage> SearchAsync(MessageSearch search, CancellationToken cancellationToken)
    {
        LedgerSearchRules.Validate(search);
        var now = _table.Time.GetUtcNow();
        var oldest = DynamoDbMessageLedger.DayOf(search.Since ?? now - _retention);
        var (day, startKey) = search.Cursor is { } cursor
            ? DynamoDbLedgerCursor.ReadSearch(cursor)
            : (DynamoDbMessageLedger.DayOf(search.Until is { } until ? until.AddTicks(-1) : now + s_clockSkew), null);
        var request = SearchRequest(search, now);
        // With a status, app or text filter most evaluated items may be dropped: read a few more per page so a narrow
        // search does not take one round trip per handful of items.
        var filteredSlack = search.Status is not null || search.App is not null || !string.IsNullOrWhiteSpace(search.Text) ? FilteredReadAhead : 0;
        var found = new List<Dictionary<string, AttributeValue>>(search.Limit + 1);
        for (; day >= oldest && found.Count <= search.Limit; day = day.AddDays(-1), startKey = null)
        {
            request.ExpressionAttributeValues[":day"] = DynamoDbItem.String(DynamoDbKeys.MailsOfDay(day));
            request.ExclusiveStartKey = startKey;
            do
            {
                request.Limit = search.Limit + 1 - found.Count + filteredSlack;
                var response = await _db.QueryAsync(request, cancellationToken).ConfigureAwait(false);
                found.AddRange(response.Items ?? []);
                request.ExclusiveStartKey = response.LastEvaluatedKey;
            }
            while (found.Count <= search.Limit && request.ExclusiveStartKey is { Count: > 0 });
        }
        var items = found.Take(search.Limit).Select(ToSummary).ToArray();
        if (found.Count <= search.Limit)
        {
            return new MessagePage(items, null);
        }
        var last = found[search.Limit - 1];
        return new MessagePage(items, DynamoDbLedgerCursor.ForSearch(
            DynamoDbMessageLedger.DayOf(DynamoDbMessageLedger.Parse(DynamoDbItem.RequireString(last, A.FirstAt))),
            DynamoDbItem.RequireString(last, DynamoDbTableSchema.IndexSortKey)));
    }

    private QueryRequest SearchRequest(MessageSearch search, DateTimeOffset now)
    {
        var request = new QueryRequest
        {
            TableName = _table.Name,
            IndexName = DynamoDbTableSchema.Index,
            ScanIndexForward = false,
            ExpressionAttributeNames = new()
            {
                ["#gpk"] = DynamoDbTableSchema.IndexPartitionKey,
                ["#ttl"] = DynamoDbTableSchema.TimeToLive,
            },
            ExpressionAttributeValues = new() { [":now"] = DynamoDbItem.Number(now.ToUnixTimeSeconds()) },
        };
        // Index sort keys are {firstAt}#{mailId}: a mail first seen at `until` sorts after the bare time, so BETWEEN's
        // inclusive upper bound still leaves it out, and one first seen at `since` sorts after it and is kept.
        var range = (search.Since, search.Until) switch
        {
            ({ }, { }) => " AND #gsk BETWEEN :since AND :until",
            ({ }, null) => " AND #gsk >= :since",
            (null, { }) => " AND #gsk < :until",
            _ => "",
        };
        if (range.Length > 0)
        {
            request.ExpressionAttributeNames["#gsk"] = DynamoDbTableSchema.IndexSortKey;
        }
        if (search.Since is { } since)
        {
            request.ExpressionAttributeValues[":since"] = DynamoDbItem.String(DynamoDbMessageLedger.Format(since));
        }
        if (search.Until is { } until)
        {
            request.ExpressionAttributeValues[":until"] = DynamoDbItem.String(DynamoDbMessageLedger.Format(until));
        }
        request.KeyConditionExpression = "#gpk = :day" + range;
        var filter = DynamoDbMessageLedger.LiveFilter;
        if (search.Status is { } status)
        {
            filter += " AND #status = :status";
            request.ExpressionAttributeNames["#status"] = A.Status;
            request.ExpressionAttributeValues[":status"] = DynamoDbItem.String(status);
        }
        if (search.App is { } app)
        {
            filter += " AND contains(#apps, :app)";
            request.ExpressionAttributeNames["#apps"] = A.Apps;
            request.ExpressionAttributeValues[":app"] = DynamoDbItem.String(app);
        }
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            filter += " AND contains(#search, :text)";
            request.ExpressionAttributeNames["#search"] = A.SearchText;
            request.ExpressionAttributeValues[":text"] = DynamoDbItem.String(search.Text.Trim().ToLowerInvariant());
        }
        request.FilterExpression = filter;
        return request;
    }

    public async Task<MessageSummary?> GetAsync(string mailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        var response = await _db.GetItemAsync(new GetItemRequest
        {
            TableName = _table.Name,
            Key = new()
            {
                [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(DynamoDbKeys.LedgerMail(mailId)),
                [DynamoDbTableSchema.SortKey] = DynamoDbItem.String(DynamoDbKeys.MailSummary),
            },
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        // The summary's independent updates may be part-way (the base update not yet applied): without its id and first
        // time it is not a summary yet.
        return DynamoDbItem.Exists(response.Item) && DynamoDbItem.IsLive(response.Item, _table.Time.GetUtcNow())
            && response.Item.ContainsKey(A.MailId) && response.Item.ContainsKey(A.FirstAt)
                ? ToSummary(response.Item)
                : null;
    }

    public Task<IReadOnlyList<LedgerEntry>> TimelineAsync(string mailId, CancellationToken cancellationToken) =>
        _ledger.EntriesForAsync(mailId, cancellationToken);

    public async Task<MetricsSummary> SummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var totals = new MetricsSummaryBuilder();
        foreach (var window in CounterWindow.Split(from, to))
        {
            foreach (var item in await CountersAsync(window.Hourly, window.Start, window.End, null, cancellationToken).ConfigureAwait(false))
            {
                totals.Add(DynamoDbItem.RequireString(item, A.Name), DynamoDbItem.GetString(item, A.App) ?? "", DynamoDbItem.RequireNumber(item, A.Count));
            }
        }
        return totals.Build(from, to);
    }

    public async Task<IReadOnlyList<MetricPoint>> SeriesAsync(string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        var series = new MetricSeriesBuilder(metric, from, to, step);
        var hourly = CounterWindow.SeriesIsHourly(from, to, step);
        var names = series.IsLatency ? LedgerMetrics.LatencyPrefix : metric;
        foreach (var item in await CountersAsync(hourly, from, to, (names, series.IsLatency), cancellationToken).ConfigureAwait(false))
        {
            series.Add(DynamoDbMessageLedger.Parse(DynamoDbItem.RequireString(item, A.At)), DynamoDbItem.RequireString(item, A.Name), DynamoDbItem.RequireNumber(item, A.Count));
        }
        return series.Points();
    }

    /// <summary>The live counter items of [start, end), per hour or per minute, optionally of one name (or a name prefix).</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> CountersAsync(
        bool hourly, DateTimeOffset start, DateTimeOffset end, (string Name, bool Prefix)? only, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        var partitions = new List<string>();
        if (hourly)
        {
            for (var month = DynamoDbMessageLedger.MonthOf(start); month <= DynamoDbMessageLedger.MonthOf(end.AddTicks(-1)); month = month.AddMonths(1))
            {
                partitions.Add(DynamoDbKeys.HourCounters(month));
            }
        }
        else
        {
            for (var day = DynamoDbMessageLedger.DayOf(start); day <= DynamoDbMessageLedger.DayOf(end.AddTicks(-1)); day = day.AddDays(1))
            {
                partitions.Add(DynamoDbKeys.MinuteCounters(day));
            }
        }
        foreach (var partition in partitions)
        {
            // Counter sort keys are {time}#{name}#{app}: the counter of `end` sorts after the bare time and is left out.
            var request = new QueryRequest
            {
                TableName = _table.Name,
                KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                FilterExpression = DynamoDbMessageLedger.LiveFilter,
                ExpressionAttributeNames = new()
                {
                    ["#pk"] = DynamoDbTableSchema.PartitionKey,
                    ["#sk"] = DynamoDbTableSchema.SortKey,
                    ["#ttl"] = DynamoDbTableSchema.TimeToLive,
                },
                ExpressionAttributeValues = new()
                {
                    [":pk"] = DynamoDbItem.String(partition),
                    [":from"] = DynamoDbItem.String(DynamoDbMessageLedger.Format(start)),
                    [":to"] = DynamoDbItem.String(DynamoDbMessageLedger.Format(end)),
                    [":now"] = DynamoDbItem.Number(_table.Time.GetUtcNow().ToUnixTimeSeconds()),
                },
            };
            if (only is var (name, prefix))
            {
                request.FilterExpression += prefix ? " AND begins_with(#name, :name)" : " AND #name = :name";
                request.ExpressionAttributeNames["#name"] = A.Name;
                request.ExpressionAttributeValues[":name"] = DynamoDbItem.String(name);
            }
            do
            {
                var response = await _db.QueryAsync(request, cancellationToken).ConfigureAwait(false);
                items.AddRange(response.Items ?? []);
                request.ExclusiveStartKey = response.LastEvaluatedKey;
            }
            while (request.ExclusiveStartKey is { Count: > 0 });
        }
        return items;
    }

    public async Task<AuditPage> AuditAsync(string? cursor, int limit, CancellationToken cancellationToken)
    {
        LedgerSearchRules.ValidateLimit(limit, nameof(limit));
        var now = _table.Time.GetUtcNow();
        var oldest = DynamoDbMessageLedger.MonthOf(now - _retention);
        var (month, startKey) = cursor is not null
            ? DynamoDbLedgerCursor.ReadAudit(cursor)
            : (DynamoDbMessageLedger.MonthOf(now + s_clockSkew), null);
        var request = new QueryRequest
        {
            TableName = _table.Name,
            IndexName = DynamoDbTableSchema.Index,
            KeyConditionExpression = "#gpk = :month",
            FilterExpression = DynamoDbMessageLedger.LiveFilter,
            ScanIndexForward = false,
            ExpressionAttributeNames = new() { ["#gpk"] = DynamoDbTableSchema.IndexPartitionKey, ["#ttl"] = DynamoDbTableSchema.TimeToLive },
            ExpressionAttributeValues = new() { [":now"] = DynamoDbItem.Number(now.ToUnixTimeSeconds()) },
        };
        var found = new List<Dictionary<string, AttributeValue>>(limit + 1);
        for (; month >= oldest && found.Count <= limit; month = month.AddMonths(-1), startKey = null)
        {
            request.ExpressionAttributeValues[":month"] = DynamoDbItem.String(DynamoDbKeys.AuditOfMonth(month));
            request.ExclusiveStartKey = startKey;
            do
            {
                request.Limit = limit + 1 - found.Count;
                var response = await _db.QueryAsync(request, cancellationToken).ConfigureAwait(false);
                found.AddRange(response.Items ?? []);
                request.ExclusiveStartKey = response.LastEvaluatedKey;
            }
            while (found.Count <= limit && request.ExclusiveStartKey is { Count: > 0 });
        }
        var entries = found.Take(limit).Select(DynamoDbMessageLedger.ToEntry).ToArray();
        if (found.Count <= limit)
        {
            return new AuditPage(entries, null);
        }
        var last = found[limit - 1];
        return new AuditPage(entries, DynamoDbLedgerCursor.ForAudit(
            DynamoDbMessageLedger.MonthOf(entries[^1].At), DynamoDbItem.RequireString(last, DynamoDbTableSchema.SortKey), entries[^1].MailId));
    }

    /// <summary>
    /// A summary item as search shows it. Its updates are independent, so one may be read part-way (placed in the index
    /// before the update that writes its id and defaults): the id then comes from the partition key.
    /// </summary>
    private static MessageSummary ToSummary(Dictionary<string, AttributeValue> item) => new(
        DynamoDbItem.GetString(item, A.MailId) ?? DynamoDbItem.RequireString(item, DynamoDbTableSchema.PartitionKey)["mail#".Length..],
        DynamoDbItem.GetString(item, A.Direction) ?? MessageDirection.Unknown,
        DynamoDbMessageLedger.Parse(DynamoDbItem.RequireString(item, A.FirstAt)),
        DynamoDbMessageLedger.Parse(DynamoDbItem.GetString(item, A.LastAt) ?? DynamoDbItem.RequireString(item, A.FirstAt)),
        DynamoDbItem.GetString(item, A.Status) ?? "received",
        item.TryGetValue(A.Apps, out var apps) && apps.SS is { } set ? [.. set.Order(StringComparer.Ordinal)] : [],
        DynamoDbItem.GetString(item, A.From),
        DynamoDbItem.GetStrings(item, A.Recipients),
        DynamoDbItem.GetString(item, A.Subject));
}
