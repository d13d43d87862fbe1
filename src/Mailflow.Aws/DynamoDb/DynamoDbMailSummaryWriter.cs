using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using A = Mailflow.Aws.DynamoDb.DynamoDbLedgerAttributes;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// Keeps the summary item of a mail (<c>mail#{mailId}</c> / <c>summary</c>) as its entries arrive, in any order, with
/// single-item UpdateItem calls only. Each field that depends on time has its own conditional update that applies only
/// when the entry is newer (status, facts, last time) or older (first time, which also places the mail in the search
/// index); a failed condition means a newer value is already there and is ignored
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html). Apps are a
/// string set grown with ADD, so a repeated entry changes nothing.
/// </summary>
internal sealed class DynamoDbMailSummaryWriter(IAmazonDynamoDB db, DynamoDbTable table, TimeSpan retention)
{
    public Task SummarizeAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var at = DynamoDbMessageLedger.Format(entry.At);
        var updates = new List<Task>
        {
            UpdateAsync(entry.MailId, Base(entry), null, cancellationToken),
            UpdateAsync(
                entry.MailId,
                new Update("SET #firstAt = :at, #gsipk = :day, #gsisk = :rank")
                    .Name("#firstAt", A.FirstAt).Name("#gsipk", DynamoDbTableSchema.IndexPartitionKey).Name("#gsisk", DynamoDbTableSchema.IndexSortKey)
                    .Value(":at", at)
                    .Value(":day", DynamoDbKeys.MailsOfDay(DynamoDbMessageLedger.DayOf(entry.At)))
                    .Value(":rank", $"{at}#{entry.MailId}"),
                "attribute_not_exists(#firstAt) OR #firstAt > :at", cancellationToken),
            UpdateAsync(
                entry.MailId,
                new Update("SET #lastAt = :at, #ttl = :ttl")
                    .Name("#lastAt", A.LastAt).Name("#ttl", DynamoDbTableSchema.TimeToLive)
                    .Value(":at", at)
                    .Value(":ttl", DynamoDbItem.Number(DynamoDbItem.EpochSecondsRoundedUp(entry.At + retention))),
                "attribute_not_exists(#lastAt) OR #lastAt < :at", cancellationToken),
        };
        if (MessageStatus.Of(entry.Event) is { } status)
        {
            updates.Add(UpdateAsync(
                entry.MailId,
                new Update("SET #status = :status, #statusAt = :at").Name("#status", A.Status).Name("#statusAt", A.StatusAt)
                    .Value(":status", status).Value(":at", at),
                "attribute_not_exists(#statusAt) OR #statusAt <= :at", cancellationToken));
        }
        if (entry.Facts is { } facts)
        {
            updates.Add(UpdateAsync(entry.MailId, Facts(entry, facts, at), "attribute_not_exists(#factsAt) OR #factsAt <= :at", cancellationToken));
        }
        return Task.WhenAll(updates);
    }

    /// <summary>What any entry sets: the id, defaults for what later entries refine, the app, and a first expiry.</summary>
    private Update Base(LedgerEntry entry)
    {
        var set = "SET #mailId = :mailId, #status = if_not_exists(#status, :received), #search = if_not_exists(#search, :search), #ttl = if_not_exists(#ttl, :ttl)";
        var update = new Update("")
            .Name("#mailId", A.MailId).Name("#status", A.Status).Name("#search", A.SearchText).Name("#ttl", DynamoDbTableSchema.TimeToLive)
            .Value(":mailId", entry.MailId)
            .Value(":received", "received")
            .Value(":search", entry.MailId.ToLowerInvariant())
            .Value(":ttl", DynamoDbItem.Number(DynamoDbItem.EpochSecondsRoundedUp(entry.At + retention)));
        if (MessageDirection.Of(entry.Event) is { } direction)
        {
            // Facts, when they come, set the direction outright; the kind of entry only fills it while it is unknown.
            set += ", #direction = if_not_exists(#direction, :direction)";
            update.Name("#direction", A.Direction).Value(":direction", direction);
        }
        if (entry.App is { } app)
        {
            update.Expression = $"{set} ADD #apps :apps";
            update.Name("#apps", A.Apps).Values[":apps"] = new AttributeValue { SS = [app] };
            return update;
        }
        update.Expression = set;
        return update;
    }

    private static Update Facts(LedgerEntry entry, MailFacts facts, string at)
    {
        var search = string.Join('\n', [entry.MailId, facts.From ?? "", .. facts.Recipients, facts.Subject ?? ""]).ToLowerInvariant();
        var update = new Update("")
            .Name("#factsAt", A.FactsAt).Name("#direction", A.Direction).Name("#recipients", A.Recipients).Name("#search", A.SearchText)
            .Value(":at", at).Value(":direction", facts.Direction).Value(":search", search);
        update.Values[":recipients"] = DynamoDbItem.Strings(facts.Recipients);
        var set = new List<string> { "#factsAt = :at", "#direction = :direction", "#recipients = :recipients", "#search = :search" };
        var remove = new List<string>();
        foreach (var (placeholder, attribute, value) in new[] { ("from", A.From, facts.From), ("subject", A.Subject, facts.Subject) })
        {
            update.Name($"#{placeholder}", attribute);
            if (value is null)
            {
                remove.Add($"#{placeholder}");
            }
            else
            {
                set.Add($"#{placeholder} = :{placeholder}");
                update.Value($":{placeholder}", value);
            }
        }
        update.Expression = $"SET {string.Join(", ", set)}" + (remove.Count > 0 ? $" REMOVE {string.Join(", ", remove)}" : "");
        return update;
    }

    private async Task UpdateAsync(string mailId, Update update, string? condition, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = table.Name,
            Key = new()
            {
                [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(DynamoDbKeys.LedgerMail(mailId)),
                [DynamoDbTableSchema.SortKey] = DynamoDbItem.String(DynamoDbKeys.MailSummary),
            },
            UpdateExpression = update.Expression,
            ConditionExpression = condition,
            ExpressionAttributeNames = update.Names,
            ExpressionAttributeValues = update.Values,
        };
        try
        {
            await db.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // A newer (or, for the first time, older) value is already recorded: nothing to change.
        }
    }

    /// <summary>An update expression with its placeholders, built up fluently.</summary>
    private sealed class Update(string expression)
    {
        public string Expression { get; set; } = expression;

        public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, AttributeValue> Values { get; } = new(StringComparer.Ordinal);

        public Update Name(string placeholder, string attribute)
        {
            Names[placeholder] = attribute;
            return this;
        }

        public Update Value(string placeholder, string value) => Value(placeholder, DynamoDbItem.String(value));

        public Update Value(string placeholder, AttributeValue value)
        {
            Values[placeholder] = value;
            return this;
        }
    }
}
