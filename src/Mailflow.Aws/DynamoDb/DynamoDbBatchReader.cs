using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// Strongly consistent BatchGetItem over any number of keys. One call takes at most 100 keys and returns at most
/// 16 MB; whatever it could not read comes back in <c>UnprocessedKeys</c> and must be asked again, with a growing
/// pause (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html). Items come back in
/// no particular order, so callers match them by key.
/// </summary>
internal static class DynamoDbBatchReader
{
    /// <summary>The most keys one BatchGetItem call accepts.</summary>
    internal const int MaxKeysPerCall = 100;

    /// <summary>Rounds of UnprocessedKeys before giving up (a transient failure: the platform redelivers the record).</summary>
    private const int MaxRounds = 8;

    private static readonly TimeSpan s_firstPause = TimeSpan.FromMilliseconds(25);

    /// <summary>Every item found under <paramref name="keys"/> (distinct keys), in no particular order.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> GetAsync(
        IAmazonDynamoDB db, string tableName, IReadOnlyList<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        foreach (var chunk in keys.Chunk(MaxKeysPerCall))
        {
            List<Dictionary<string, AttributeValue>>? pending = [.. chunk];
            for (var round = 0; pending is { Count: > 0 }; round++)
            {
                if (round == MaxRounds)
                {
                    throw new TimeoutException(
                        $"DynamoDB left {pending.Count} keys of table {tableName} unprocessed after {MaxRounds} BatchGetItem rounds " +
                        "(throttled or over the 16 MB response limit); the record will be retried.");
                }
                if (round > 0)
                {
                    // Not TimeProvider: a pause between calls to a service is real time even under a fake clock.
                    await Task.Delay(s_firstPause * (1 << (round - 1)), cancellationToken).ConfigureAwait(false);
                }
                var response = await db.BatchGetItemAsync(
                    new BatchGetItemRequest
                    {
                        RequestItems = new() { [tableName] = new KeysAndAttributes { Keys = pending, ConsistentRead = true } },
                    },
                    cancellationToken).ConfigureAwait(false);
                // SDK v4: absent collections are null, not empty.
                if (response.Responses?.GetValueOrDefault(tableName) is { } found)
                {
                    items.AddRange(found.Where(DynamoDbItem.Exists));
                }
                pending = response.UnprocessedKeys?.GetValueOrDefault(tableName)?.Keys;
            }
        }
        return items;
    }
}
