using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// <see cref="IIdempotencyStore"/> on the environment's table, the AWS twin of <c>SqliteIdempotencyStore</c>. One item
/// per (app, key) (<see cref="DynamoDbKeys.Idempotency"/>, sort key <c>idem</c>), and every change is ONE conditional
/// single-item write: DynamoDB evaluates the condition and applies the write atomically, so fifty workers claiming
/// the same key at once get exactly one success
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html).
/// LESSONS.md: the earlier gateway read the record under one attribute name, wrote it under another, and checked
/// before writing; here each attribute name is a constant below, used by both the writes and the conditions.
/// </summary>
/// <remarks>
/// Expiry is decided on <see cref="ExpiresAtAttribute"/> (Unix milliseconds, the instant of the request's
/// <see cref="IdempotencyRequest.ExpiresAt"/>) against <see cref="IdempotencyRequest.Now"/>, exactly as the SQLite store
/// does; <c>ttl</c> (epoch seconds, rounded up) only lets DynamoDB delete the record some time afterwards. An expired
/// record that DynamoDB has not deleted yet is taken over by the next claim's condition.
/// </remarks>
public sealed class DynamoDbIdempotencyStore : IIdempotencyStore
{
    private const string SortKeyValue = "idem";
    private const string AppAttribute = "app";
    private const string KeyAttribute = "key";
    private const string OwnerAttribute = "owner";
    private const string StateAttribute = "state";
    private const string ExpiresAtAttribute = "expiresAt";
    private const string Pending = "pending";
    private const string Sent = "sent";

    /// <summary>
    /// Free, expired, or the same owner's pending claim (a redelivery of the same queue message). Names go through
    /// placeholders because <c>owner</c> and <c>state</c> are DynamoDB reserved words
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html).
    /// </summary>
    private const string ClaimCondition =
        "attribute_not_exists(#pk) OR #expiresAt <= :now OR (#state = :pending AND #owner = :owner)";

    private const string OwnedCondition = "#owner = :owner";

    private const string PendingAndOwnedCondition = "#owner = :owner AND #state = :pending";

    private readonly IAmazonDynamoDB _db;
    private readonly DynamoDbTable _table;

    public DynamoDbIdempotencyStore(IAmazonDynamoDB db, DynamoDbTable table)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        _db = db;
        _table = table;
    }

    /// <summary>One PutItem that writes a pending claim if <see cref="ClaimCondition"/> holds; a failed condition is a duplicate.</summary>
    public async Task<IdempotencyClaim> TryClaimAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = Key(request);
        item[AppAttribute] = DynamoDbItem.String(request.App);
        item[KeyAttribute] = DynamoDbItem.String(request.Key);
        item[OwnerAttribute] = DynamoDbItem.String(request.Owner);
        item[StateAttribute] = DynamoDbItem.String(Pending);
        item[ExpiresAtAttribute] = DynamoDbItem.Number(request.ExpiresAt.ToUnixTimeMilliseconds());
        item[DynamoDbTableSchema.TimeToLive] = DynamoDbItem.Number(DynamoDbItem.EpochSecondsRoundedUp(request.ExpiresAt));
        try
        {
            await _db.PutItemAsync(new PutItemRequest
            {
                TableName = _table.Name,
                Item = item,
                ConditionExpression = ClaimCondition,
                ExpressionAttributeNames = new()
                {
                    ["#pk"] = DynamoDbTableSchema.PartitionKey,
                    ["#expiresAt"] = ExpiresAtAttribute,
                    ["#state"] = StateAttribute,
                    ["#owner"] = OwnerAttribute,
                },
                ExpressionAttributeValues = new()
                {
                    [":now"] = DynamoDbItem.Number(request.Now.ToUnixTimeMilliseconds()),
                    [":pending"] = DynamoDbItem.String(Pending),
                    [":owner"] = DynamoDbItem.String(request.Owner),
                },
            }, cancellationToken).ConfigureAwait(false);
            return IdempotencyClaim.Claimed;
        }
        catch (ConditionalCheckFailedException)
        {
            return IdempotencyClaim.Duplicate;
        }
    }

    /// <summary>
    /// Marks the key sent when the request's owner holds it (UpdateItem conditional on the owner, which also fails
    /// when there is no record, so nothing is created); the record keeps the expiry of its claim. Another owner's
    /// record stays as it is, as in the SQLite store.
    /// </summary>
    public async Task MarkSentAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await _db.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table.Name,
                Key = Key(request),
                UpdateExpression = "SET #state = :sent",
                ConditionExpression = OwnedCondition,
                ExpressionAttributeNames = new() { ["#state"] = StateAttribute, ["#owner"] = OwnerAttribute },
                ExpressionAttributeValues = new()
                {
                    [":sent"] = DynamoDbItem.String(Sent),
                    [":owner"] = DynamoDbItem.String(request.Owner),
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another owner holds the key (ours expired and was taken over): its claim is not ours to change.
        }
    }

    /// <summary>Deletes the owner's pending claim; a sent record, or another owner's claim, stays (condition failure: nothing).</summary>
    public async Task ReleaseAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await _db.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table.Name,
                Key = Key(request),
                ConditionExpression = PendingAndOwnedCondition,
                ExpressionAttributeNames = new() { ["#state"] = StateAttribute, ["#owner"] = OwnerAttribute },
                ExpressionAttributeValues = new()
                {
                    [":pending"] = DynamoDbItem.String(Pending),
                    [":owner"] = DynamoDbItem.String(request.Owner),
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Sent, released already, or another owner's: releasing must not reopen a key someone else holds.
        }
    }

    private static Dictionary<string, AttributeValue> Key(IdempotencyRequest request) => new()
    {
        [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(DynamoDbKeys.Idempotency(request.App, request.Key)),
        [DynamoDbTableSchema.SortKey] = DynamoDbItem.String(SortKeyValue),
    };
}
