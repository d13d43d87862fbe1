using Amazon.DynamoDBv2;
using Mailflow.Aws.DynamoDb;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.DynamoDb;

/// <summary>The table the CDK stack must create, as dynalite describes it after <see cref="DynamoDbTableSchema.CreateTableRequest"/>.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbTableSchemaTests(DynaliteServer dynalite)
{
    [Fact]
    public async Task The_table_is_keyed_by_string_pk_and_sk_billed_on_demand_with_the_search_index()
    {
        await using var table = await DynaliteTable.CreateAsync(dynalite.Client);

        var description = (await dynalite.Client.DescribeTableAsync(table.Table.Name)).Table;

        Assert.Equal(
            [("pk", "HASH"), ("sk", "RANGE")],
            description.KeySchema.Select(key => (key.AttributeName, key.KeyType.Value)));
        Assert.Equal(
            [("gsi1pk", "S"), ("gsi1sk", "S"), ("pk", "S"), ("sk", "S")],
            description.AttributeDefinitions.Select(attribute => (attribute.AttributeName, attribute.AttributeType.Value)).Order());
        Assert.Equal(BillingMode.PAY_PER_REQUEST, description.BillingModeSummary.BillingMode);
        var index = Assert.Single(description.GlobalSecondaryIndexes);
        Assert.Equal("gsi1", index.IndexName);
        Assert.Equal([("gsi1pk", "HASH"), ("gsi1sk", "RANGE")], index.KeySchema.Select(key => (key.AttributeName, key.KeyType.Value)));
        Assert.Equal(ProjectionType.ALL, index.Projection.ProjectionType);
    }

    [Fact]
    public void A_table_needs_a_name()
    {
        Assert.Throws<ArgumentException>(() => new DynamoDbTable(" "));
    }
}
