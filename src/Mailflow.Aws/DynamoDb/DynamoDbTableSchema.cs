using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// The key schema of the environment's table, shared by every item kind (docs/aws-tables.md lists the kinds):
/// partition key <c>pk</c> (S), sort key <c>sk</c> (S), and TTL on <c>ttl</c> (N, epoch seconds). The CDK stack
/// creates the table with the same schema and <c>TimeToLiveAttribute = "ttl"</c>; the tests create it from
/// <see cref="CreateTableRequest"/>. Key names are short and generic because one table overloads them for every kind
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-general-nosql-design.html).
/// </summary>
public static class DynamoDbTableSchema
{
    /// <summary>Partition key (S): the item kind and its identity, e.g. <c>mail#{mailId}</c>.</summary>
    public const string PartitionKey = "pk";

    /// <summary>Sort key (S): a fixed name for single items, the time-ordered entry key for ledger entries.</summary>
    public const string SortKey = "sk";

    /// <summary>
    /// Expiry (N, Unix epoch seconds), the attribute DynamoDB's TTL deletes by. Deletion happens within days of it, not at
    /// it, so adapters also treat an item whose <c>ttl</c> has passed as absent
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html).
    /// </summary>
    public const string TimeToLive = "ttl";

    /// <summary>
    /// The one global secondary index, overloaded like the table: mail summaries by UTC day of first entry
    /// (<c>mails#{day}</c>, sorted <c>{firstAt}#{mailId}</c>) for newest-first search, audit entries by UTC month
    /// (<c>audit#{month}</c>, sorted by their entry key). Items without <see cref="IndexPartitionKey"/> are not in it
    /// (a sparse index: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html).
    /// It projects every attribute, so a search page is one Query with no GetItem per row.
    /// </summary>
    public const string Index = "gsi1";

    /// <summary>Partition key (S) of <see cref="Index"/>.</summary>
    public const string IndexPartitionKey = "gsi1pk";

    /// <summary>Sort key (S) of <see cref="Index"/>.</summary>
    public const string IndexSortKey = "gsi1sk";

    /// <summary>
    /// The CreateTable request for the table: on-demand capacity (mail arrives in bursts; nothing to tune per
    /// environment) and the search index <see cref="Index"/>. Turning TTL on is a separate UpdateTimeToLive call
    /// that the CDK stack makes through <c>TimeToLiveAttribute</c>.
    /// </summary>
    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(SortKey, ScalarAttributeType.S),
            new AttributeDefinition(IndexPartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(IndexSortKey, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(PartitionKey, KeyType.HASH),
            new KeySchemaElement(SortKey, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = Index,
                KeySchema = [new KeySchemaElement(IndexPartitionKey, KeyType.HASH), new KeySchemaElement(IndexSortKey, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };
}
