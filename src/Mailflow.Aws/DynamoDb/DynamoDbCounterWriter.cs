using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using A = Mailflow.Aws.DynamoDb.DynamoDbLedgerAttributes;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// Adds an entry's counters (<see cref="LedgerMetrics.CountersOf"/>, nothing else) to a per-minute item
/// (<c>metric#m#{day}</c> / <c>{minute}#{name}#{app}</c>) and a per-hour item (<c>metric#h#{month}</c> /
/// <c>{hour}#{name}#{app}</c>) with UpdateItem <c>ADD</c>, which is atomic and creates the item at 0
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.ADD).
/// Counter items expire with the ledger (<c>retention.ledgerDays</c> after their minute or hour).
/// </summary>
internal sealed class DynamoDbCounterWriter(IAmazonDynamoDB db, DynamoDbTable table, TimeSpan retention)
{
    public Task CountAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var minute = LedgerMetrics.Bucket(entry.At);
        var hour = CounterWindow.HourOf(entry.At);
        var writes = new List<Task>();
        foreach (var (name, app) in LedgerMetrics.CountersOf(entry))
        {
            writes.Add(AddAsync(DynamoDbKeys.MinuteCounters(DynamoDbMessageLedger.DayOf(minute)), minute, name, app, cancellationToken));
            writes.Add(AddAsync(DynamoDbKeys.HourCounters(DynamoDbMessageLedger.MonthOf(hour)), hour, name, app, cancellationToken));
        }
        return Task.WhenAll(writes);
    }

    private async Task AddAsync(string partition, DateTimeOffset at, string name, string app, CancellationToken cancellationToken)
    {
        var time = DynamoDbMessageLedger.Format(at);
        var request = new UpdateItemRequest
        {
            TableName = table.Name,
            Key = new()
            {
                [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(partition),
                [DynamoDbTableSchema.SortKey] = DynamoDbItem.String($"{time}#{name}#{app}"),
            },
            UpdateExpression = "SET #at = :at, #name = :name, #ttl = :ttl ADD #count :one",
            ExpressionAttributeNames = new()
            {
                ["#at"] = A.At,
                ["#name"] = A.Name,
                ["#ttl"] = DynamoDbTableSchema.TimeToLive,
                ["#count"] = A.Count,
            },
            ExpressionAttributeValues = new()
            {
                [":at"] = DynamoDbItem.String(time),
                [":name"] = DynamoDbItem.String(name),
                [":ttl"] = DynamoDbItem.Number(DynamoDbItem.EpochSecondsRoundedUp(at + retention)),
                [":one"] = DynamoDbItem.Number(1),
            },
        };
        if (app.Length > 0)
        {
            // Only per-app counters carry an app; an empty string attribute is left out rather than stored.
            request.UpdateExpression = "SET #at = :at, #name = :name, #ttl = :ttl, #app = :app ADD #count :one";
            request.ExpressionAttributeNames["#app"] = A.App;
            request.ExpressionAttributeValues[":app"] = DynamoDbItem.String(app);
        }
        await db.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
