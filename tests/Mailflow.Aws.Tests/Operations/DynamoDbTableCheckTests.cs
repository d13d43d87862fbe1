using Amazon.DynamoDBv2.Model;
using Mailflow.Aws.DynamoDb;
using Mailflow.Aws.Operations;
using Mailflow.Aws.Tests.DynamoDb;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>The ledger check on dynalite: a GetItem of a key no item has.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbTableCheckTests(DynaliteServer dynalite)
{
    [Fact]
    public async Task The_table_check_passes_for_the_table_and_fails_for_a_missing_one()
    {
        await using var table = await DynaliteTable.CreateAsync(dynalite.Client);
        var present = new DynamoDbTableCheck(dynalite.Client, table.Table);
        var missing = new DynamoDbTableCheck(dynalite.Client, new DynamoDbTable($"missing-{Guid.NewGuid():N}"));

        await present.CheckAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => missing.CheckAsync(CancellationToken.None));
        Assert.Equal("ledger", present.Name);
        Assert.Empty(await table.ItemsAsync());
    }
}
