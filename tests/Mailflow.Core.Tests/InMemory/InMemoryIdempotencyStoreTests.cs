using Mailflow.Core.InMemory;
using Mailflow.Core.Ports;

namespace Mailflow.Core.Tests.InMemory;

public class InMemoryIdempotencyStoreTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    private static IdempotencyRequest Request(string owner, DateTimeOffset? now = null, string app = "app1", string key = "order-4711") =>
        new(app, key, owner, now ?? s_now, (now ?? s_now).AddHours(24));

    private readonly InMemoryIdempotencyStore _store = new();

    private Task<IdempotencyClaim> Claim(IdempotencyRequest request) => _store.TryClaimAsync(request, CancellationToken.None);

    [Fact]
    public async Task The_first_claim_of_a_key_succeeds_and_a_second_owner_gets_a_duplicate()
    {
        Assert.Equal(IdempotencyClaim.Claimed, await Claim(Request("m1")));
        Assert.Equal(IdempotencyClaim.Duplicate, await Claim(Request("m2")));
    }

    [Fact]
    public async Task The_same_owner_may_claim_again_while_pending()
    {
        await Claim(Request("m1"));

        Assert.Equal(IdempotencyClaim.Claimed, await Claim(Request("m1", s_now.AddMinutes(5))));
    }

    [Fact]
    public async Task Once_sent_the_key_is_a_duplicate_even_for_its_owner()
    {
        await Claim(Request("m1"));
        await _store.MarkSentAsync(Request("m1"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Duplicate, await Claim(Request("m1")));
        Assert.Equal(IdempotencyClaim.Duplicate, await Claim(Request("m2")));
    }

    [Fact]
    public async Task Only_the_owner_can_mark_a_claim_sent()
    {
        await Claim(Request("m1"));
        await _store.MarkSentAsync(Request("m2"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Claimed, await Claim(Request("m1")));
    }

    [Fact]
    public async Task An_expired_record_can_be_claimed_by_anyone()
    {
        await Claim(Request("m1"));
        await _store.MarkSentAsync(Request("m1"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Duplicate, await Claim(Request("m2", s_now.AddHours(24).AddTicks(-1))));
        Assert.Equal(IdempotencyClaim.Claimed, await Claim(Request("m2", s_now.AddHours(24))));
    }

    [Fact]
    public async Task A_released_claim_frees_the_key_for_another_owner()
    {
        await Claim(Request("m1"));
        await _store.ReleaseAsync(Request("m1"), CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Claimed, await Claim(Request("m2")));
        Assert.Equal(1, _store.Count);
    }

    [Fact]
    public async Task Release_by_another_owner_or_after_sending_changes_nothing()
    {
        await Claim(Request("m1"));
        await _store.ReleaseAsync(Request("m2"), CancellationToken.None);
        Assert.Equal(IdempotencyClaim.Duplicate, await Claim(Request("m2")));

        await _store.MarkSentAsync(Request("m1"), CancellationToken.None);
        await _store.ReleaseAsync(Request("m1"), CancellationToken.None);
        Assert.Equal(IdempotencyClaim.Duplicate, await Claim(Request("m1")));
    }

    [Fact]
    public async Task Keys_are_per_app()
    {
        Assert.Equal(IdempotencyClaim.Claimed, await Claim(Request("m1", app: "app1")));
        Assert.Equal(IdempotencyClaim.Claimed, await Claim(Request("m2", app: "app2")));
        Assert.Equal(IdempotencyClaim.Claimed, await Claim(Request("m3", app: "app1", key: "order-4712")));
    }

    [Fact]
    public async Task Fifty_concurrent_claims_of_one_key_by_different_owners_give_exactly_one_claim()
    {
        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 50)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await Claim(Request($"m{i}"));
            }))
            .ToList();
        start.Set();

        var results = await Task.WhenAll(claims);

        Assert.Single(results, r => r == IdempotencyClaim.Claimed);
        Assert.Equal(49, results.Count(r => r == IdempotencyClaim.Duplicate));
    }
}
