using Mailflow.Core.Ports;

namespace Mailflow.Testing.Contracts;

/// <summary>
/// What every <see cref="IIdempotencyStore"/> must do, run against each adapter by a subclass: local mode behaves as
/// AWS does only if the SQLite, in-memory and DynamoDB stores all pass the same sentences.
/// </summary>
public abstract class IdempotencyStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private IIdempotencyStore? _store;

    protected IIdempotencyStore Store => _store ?? throw new InvalidOperationException("The store opens in InitializeAsync.");

    /// <summary>Opens a store with no records.</summary>
    protected abstract Task<IIdempotencyStore> OpenStoreAsync();

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A claim of <c>invoices</c>/<c>order-42</c> made at <paramref name="now"/>, valid for <see cref="Window"/>.</summary>
    protected static IdempotencyRequest Request(string owner, DateTimeOffset? now = null, string app = "invoices", string key = "order-42")
    {
        var at = now ?? Start;
        return new IdempotencyRequest(app, key, owner, at, at + Window);
    }

    protected Task<IdempotencyClaim> ClaimAsync(IdempotencyRequest request) => Store.TryClaimAsync(request, CancellationToken.None);

    [Fact]
    public async Task The_first_claim_of_a_key_is_claimed()
    {
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-1")));
    }

    [Fact]
    public async Task The_same_owner_claims_again_while_its_claim_is_pending()
    {
        await ClaimAsync(Request("message-1"));

        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-1", Start.AddMinutes(5))));
    }

    [Fact]
    public async Task Another_owner_is_a_duplicate_while_the_claim_is_pending()
    {
        await ClaimAsync(Request("message-1"));

        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-2", Start.AddMinutes(5))));
    }

    [Fact]
    public async Task Once_marked_sent_the_key_is_a_duplicate_even_for_its_owner()
    {
        await ClaimAsync(Request("message-1"));
        await Store.MarkSentAsync(Request("message-1"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-1", Start.AddMinutes(5))));
        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-2", Start.AddMinutes(5))));
    }

    [Fact]
    public async Task Marking_sent_by_another_owner_leaves_the_claim_pending_for_its_owner()
    {
        await ClaimAsync(Request("message-1"));
        await Store.MarkSentAsync(Request("message-2"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-1", Start.AddMinutes(5))));
    }

    [Fact]
    public async Task A_sent_key_is_claimed_by_a_new_owner_once_it_has_expired()
    {
        await ClaimAsync(Request("message-1"));
        await Store.MarkSentAsync(Request("message-1"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-2", Start + Window - TimeSpan.FromMilliseconds(1))));
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-2", Start + Window)));
        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-3", Start + Window)));
    }

    [Fact]
    public async Task A_pending_claim_that_has_expired_is_claimed_by_a_new_owner()
    {
        await ClaimAsync(Request("message-1"));

        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-2", Start + Window + TimeSpan.FromMinutes(1))));
        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-1", Start + Window + TimeSpan.FromMinutes(2))));
    }

    [Fact]
    public async Task Releasing_a_pending_claim_lets_another_owner_claim_the_key()
    {
        await ClaimAsync(Request("message-1"));
        await Store.ReleaseAsync(Request("message-1"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-2", Start.AddMinutes(5))));
    }

    [Fact]
    public async Task Release_by_another_owner_does_nothing()
    {
        await ClaimAsync(Request("message-1"));
        await Store.ReleaseAsync(Request("message-2"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-2", Start.AddMinutes(5))));
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-1", Start.AddMinutes(5))));
    }

    [Fact]
    public async Task Releasing_a_sent_key_does_not_reopen_it()
    {
        await ClaimAsync(Request("message-1"));
        await Store.MarkSentAsync(Request("message-1"), CancellationToken.None);
        await Store.ReleaseAsync(Request("message-1"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-2", Start.AddMinutes(5))));
    }

    [Fact]
    public async Task Keys_are_held_per_app()
    {
        await ClaimAsync(Request("message-1", app: "invoices"));

        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-2", app: "support")));
        Assert.Equal(IdempotencyClaim.Claimed, await ClaimAsync(Request("message-3", app: "invoices", key: "order-43")));
    }

    [Fact]
    public async Task Of_fifty_concurrent_claims_by_fifty_owners_exactly_one_is_claimed()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(owner => Task.Run(() => ClaimAsync(Request($"message-{owner}")))));

        Assert.Single(claims, claim => claim == IdempotencyClaim.Claimed);
        Assert.Equal(49, claims.Count(claim => claim == IdempotencyClaim.Duplicate));
    }
}
