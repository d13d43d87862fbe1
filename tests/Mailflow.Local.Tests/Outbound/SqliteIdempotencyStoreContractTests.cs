using Mailflow.Testing.Contracts;
using Mailflow.Core.Ports;
using Mailflow.Local.Outbound;
using Mailflow.Local.Tests.Queues.Support;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>The idempotency contract on a real SQLite file, plus what only a durable store promises.</summary>
public sealed class SqliteIdempotencyStoreContractTests : IdempotencyStoreContractTests
{
    private readonly QueueTestContext _context = QueueTestContext.OnFakeTime();

    protected override async Task<IIdempotencyStore> OpenStoreAsync() =>
        await SqliteIdempotencyStore.OpenAsync(_context.Engine, CancellationToken.None);

    public override async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Purging_removes_only_expired_records()
    {
        var store = (SqliteIdempotencyStore)Store;
        await ClaimAsync(Request("message-1", key: "early"));
        await store.MarkSentAsync(Request("message-1", key: "early"), CancellationToken.None);
        await ClaimAsync(Request("message-2", Start.AddHours(1), key: "late"));

        Assert.Equal(1, await store.PurgeExpiredAsync(Start + Window, CancellationToken.None));
        Assert.Equal(0, await store.PurgeExpiredAsync(Start + Window, CancellationToken.None));

        Assert.Equal(["late"], await KeysAsync());
        Assert.Equal(IdempotencyClaim.Duplicate, await ClaimAsync(Request("message-3", Start + Window, key: "late")));
    }

    [Fact]
    public async Task Claims_and_sent_keys_survive_a_restart()
    {
        await ClaimAsync(Request("message-1", key: "sent"));
        await Store.MarkSentAsync(Request("message-1", key: "sent"), CancellationToken.None);
        await ClaimAsync(Request("message-2", key: "pending"));

        await _context.ReopenAsync();
        var reopened = await SqliteIdempotencyStore.OpenAsync(_context.Engine, CancellationToken.None);

        Assert.Equal(IdempotencyClaim.Duplicate, await reopened.TryClaimAsync(Request("message-1", Start.AddMinutes(5), key: "sent"), CancellationToken.None));
        Assert.Equal(IdempotencyClaim.Duplicate, await reopened.TryClaimAsync(Request("message-3", Start.AddMinutes(5), key: "pending"), CancellationToken.None));
        Assert.Equal(IdempotencyClaim.Claimed, await reopened.TryClaimAsync(Request("message-2", Start.AddMinutes(5), key: "pending"), CancellationToken.None));
    }

    private async Task<List<string>> KeysAsync()
    {
        await using var connection = _context.Engine.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM idempotency ORDER BY key";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }
}
