using Mailflow.Aws.DynamoDb;
using Mailflow.Core.Ports;
using Mailflow.Testing.Contracts;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.DynamoDb;

/// <summary>The idempotency contract on dynalite, plus what only the DynamoDB item layout could get wrong.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbIdempotencyStoreContractTests(DynaliteServer dynalite) : IdempotencyStoreContractTests
{
    private DynaliteTable? _table;

    private DynaliteTable Table => _table ?? throw new InvalidOperationException("The table is created in InitializeAsync.");

    protected override async Task<IIdempotencyStore> OpenStoreAsync()
    {
        _table = await DynaliteTable.CreateAsync(dynalite.Client);
        return new DynamoDbIdempotencyStore(dynalite.Client, _table.Table);
    }

    public override async Task DisposeAsync()
    {
        if (_table is not null)
        {
            await _table.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_hash_sign_in_the_app_or_the_key_cannot_make_two_claims_collide()
    {
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-1", app: "a#b", key: "c")));
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-2", app: "a", key: "b#c")));
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-3", app: "a%23b", key: "c")));
        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-4", app: "a#b", key: "c")));
    }

    [Fact]
    public async Task A_key_too_long_for_a_partition_key_is_still_claimed_once()
    {
        var longKey = new string('é', 1500);

        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-1", key: longKey)));
        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-2", key: longKey)));
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-3", key: longKey + "x")));
    }

    [Fact]
    public async Task Marking_sent_or_releasing_a_key_nobody_claimed_writes_nothing()
    {
        await Store.MarkSentAsync(Request("message-1"), CancellationToken.None);
        await Store.ReleaseAsync(Request("message-1"), CancellationToken.None);

        Assert.Empty(await Table.ItemsAsync());
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-2")));
    }

    [Fact]
    public async Task A_claim_carries_a_ttl_in_epoch_seconds_that_DynamoDB_cannot_reach_before_it_expires()
    {
        var now = Start.AddMilliseconds(250);
        await ClaimAsync(new IdempotencyRequest("invoices", "order-42", "message-1", now, now + Window));

        var item = Assert.Single(await Table.ItemsAsync());
        Assert.Equal($"{(Start + Window).ToUnixTimeSeconds() + 1}", item[DynamoDbTableSchema.TimeToLive].N);
        Assert.Equal("idem#invoices#order-42", item[DynamoDbTableSchema.PartitionKey].S);
    }
}
