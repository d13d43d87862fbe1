using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Aws.DynamoDb;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// The table answers reads: a GetItem of a key no item has. DescribeTable would need dynamodb:DescribeTable, which the
/// API's role does not hold; GetItem needs only the read access it has (the API's ledger actions in CDK), and costs half a read unit.
/// </summary>
public sealed class DynamoDbTableCheck(IAmazonDynamoDB db, DynamoDbTable table) : IDependencyCheck
{
    /// <summary>A partition key of no item kind (docs/aws-tables.md lists the prefixes), so the read finds nothing.</summary>
    public const string ProbeKey = "health#probe";

    public string Name => "ledger";

    public Task CheckAsync(CancellationToken cancellationToken) =>
        db.GetItemAsync(new GetItemRequest
        {
            TableName = table.Name,
            Key = new Dictionary<string, AttributeValue>
            {
                [DynamoDbTableSchema.PartitionKey] = new AttributeValue { S = ProbeKey },
                [DynamoDbTableSchema.SortKey] = new AttributeValue { S = ProbeKey },
            },
        }, cancellationToken);
}
