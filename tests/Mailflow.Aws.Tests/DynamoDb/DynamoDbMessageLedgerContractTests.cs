using Mailflow.Aws.DynamoDb;
using Mailflow.Core.Ports;
using Mailflow.Testing.Contracts;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.DynamoDb;

/// <summary>The ledger contract on dynalite, plus the item layout: time-ordered sort keys, TTL, and paged reads.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbMessageLedgerContractTests(DynaliteServer dynalite) : LedgerContractTests
{
    private static readonly TimeSpan s_retention = TimeSpan.FromDays(30);

    private DynaliteTable? _table;

    private DynaliteTable Table => _table ?? throw new InvalidOperationException("The table is created in InitializeAsync.");

    private DynamoDbMessageLedger DynamoLedger => (DynamoDbMessageLedger)Ledger;

    protected override async Task<IMessageLedger> OpenLedgerAsync()
    {
        _table = await DynaliteTable.CreateAsync(dynalite.Client);
        return new DynamoDbMessageLedger(dynalite.Client, _table.Table, s_retention);
    }

    protected override Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string mailId) =>
        DynamoLedger.EntriesForAsync(mailId, CancellationToken.None);

    public override async Task DisposeAsync()
    {
        if (_table is not null)
        {
            await _table.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Entries_come_back_in_time_order_whatever_order_they_were_recorded_in()
    {
        var routed = new LedgerEntry("ses-1", LedgerEvent.Routed, Start.AddSeconds(2), "env-1", "invoices");
        var received = new LedgerEntry("ses-1", LedgerEvent.Received, Start.AddSeconds(1));
        var failed = new LedgerEntry("ses-1", LedgerEvent.Failed, Start.AddDays(1), ReasonCode: "exhausted");

        await RecordAsync(failed);
        await RecordAsync(routed);
        await RecordAsync(received);

        Assert.Equal([received, routed, failed], await EntriesForAsync("ses-1"));
    }

    [Fact]
    public async Task An_entry_is_one_item_under_its_mail_keyed_by_time_then_event_with_a_ttl_retention_after_its_time()
    {
        await RecordAsync(new LedgerEntry("out-1", LedgerEvent.Sent, Start.AddMilliseconds(1500), App: "invoices",
            ProviderMessageId: "0102019a-ses-id", MessageId: "out-1@mailflow.local"));

        // Beside the entry: the mail's summary item and its counters (DynamoDbMessageLedgerReaderContractTests).
        var item = Assert.Single(await Table.ItemsAsync(), item => item[DynamoDbTableSchema.PartitionKey].S == "mail#out-1" && item[DynamoDbTableSchema.SortKey].S != "summary");
        Assert.Equal("mail#out-1", item[DynamoDbTableSchema.PartitionKey].S);
        Assert.StartsWith("2026-03-01T09:00:01.5000000Z#Sent#", item[DynamoDbTableSchema.SortKey].S, StringComparison.Ordinal);
        Assert.Equal($"{(Start + s_retention).ToUnixTimeSeconds() + 2}", item[DynamoDbTableSchema.TimeToLive].N);
        Assert.Equal("0102019a-ses-id", item["providerMessageId"].S);
        Assert.Equal("out-1@mailflow.local", item["messageId"].S);
        Assert.False(item.ContainsKey("reason"));
    }

    [Fact]
    public async Task Entries_past_their_retention_are_left_out_before_DynamoDB_deletes_them()
    {
        var early = new LedgerEntry("ses-1", LedgerEvent.Received, Start);
        var late = new LedgerEntry("ses-1", LedgerEvent.Routed, Start.AddDays(2), "env-1", "invoices");
        await RecordAsync(early);
        await RecordAsync(late);

        Table.Clock.Advance(s_retention - TimeSpan.FromSeconds(1));
        Assert.Equal([early, late], await EntriesForAsync("ses-1"));

        Table.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([late], await EntriesForAsync("ses-1"));
        Assert.Equal(2, (await Table.ItemsAsync()).Count(item => item[DynamoDbTableSchema.PartitionKey].S == "mail#ses-1" && item[DynamoDbTableSchema.SortKey].S != "summary"));
    }

    [Fact]
    public async Task A_timeline_longer_than_one_query_page_comes_back_whole()
    {
        // A Query returns at most 1 MB per page (dynalite too): 40 entries of 40 KB take two pages.
        var reason = new string('r', 40 * 1024);
        var entries = Enumerable.Range(0, 40)
            .Select(index => new LedgerEntry("ses-1", LedgerEvent.Failed, Start.AddSeconds(index), Reason: reason))
            .ToArray();
        foreach (var entry in entries)
        {
            await RecordAsync(entry);
        }

        Assert.Equal(entries, await EntriesForAsync("ses-1"));
    }

    [Fact]
    public async Task Times_keep_their_full_precision()
    {
        var precise = new LedgerEntry("ses-1", LedgerEvent.Received, Start.AddTicks(1234567));
        await RecordAsync(precise);

        Assert.Equal(precise.At, Assert.Single(await EntriesForAsync("ses-1")).At);
    }
}
