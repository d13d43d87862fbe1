using Mailflow.Aws.DynamoDb;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using Mailflow.Testing.Contracts;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.DynamoDb;

/// <summary>The ledger reader contract on dynalite: summary items, the search index, counter items.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbMessageLedgerReaderContractTests(DynaliteServer dynalite) : MessageLedgerReaderContract
{
    private static readonly TimeSpan s_retention = TimeSpan.FromDays(30);

    private DynaliteTable? _table;

    protected override async Task<(IMessageLedger Ledger, IMessageLedgerReader Reader)> OpenAsync()
    {
        _table = await DynaliteTable.CreateAsync(dynalite.Client);
        return (new DynamoDbMessageLedger(dynalite.Client, _table.Table, s_retention), new DynamoDbMessageLedgerReader(dynalite.Client, _table.Table, s_retention));
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
    public async Task A_summary_is_one_item_beside_the_entries_placed_in_the_index_by_day_of_its_first_entry()
    {
        await ReceiveAsync("mail-1", T0.AddHours(2));

        var summary = await _table!.ItemAsync("mail#mail-1", "summary");

        Assert.Equal("mails#2026-02-28", summary![DynamoDbTableSchema.IndexPartitionKey].S);
        Assert.Equal("2026-02-28T11:00:00.0000000Z#mail-1", summary[DynamoDbTableSchema.IndexSortKey].S);
        Assert.Equal(["invoices"], summary["apps"].SS);
        Assert.Equal(2, (await ((DynamoDbMessageLedger)Ledger).EntriesForAsync("mail-1", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Counters_are_minute_and_hour_items_added_to_in_place()
    {
        await RecordAsync(
            new LedgerEntry("mail-1", LedgerEvent.Received, T0.AddMinutes(1)),
            new LedgerEntry("mail-2", LedgerEvent.Received, T0.AddMinutes(1).AddSeconds(30)));

        var minute = await _table!.ItemAsync("metric#m#2026-02-28", "2026-02-28T09:01:00.0000000Z#received#");
        var hour = await _table.ItemAsync("metric#h#2026-02", "2026-02-28T09:00:00.0000000Z#received#");

        Assert.Equal("2", minute!["count"].N);
        Assert.Equal("2", hour!["count"].N);
        Assert.Equal($"{(T0.AddMinutes(1) + s_retention).ToUnixTimeSeconds()}", minute[DynamoDbTableSchema.TimeToLive].N);
    }

    [Fact]
    public async Task Mails_past_the_retention_are_no_longer_found()
    {
        await ReceiveAsync("mail-1", T0);

        _table!.Clock.Advance(s_retention);

        Assert.Empty((await Reader.SearchAsync(new MessageSearch(Since: T0), CancellationToken.None)).Items);
        Assert.Null(await Reader.GetAsync("mail-1", CancellationToken.None));
        Assert.Equal(0, (await Reader.SummaryAsync(T0, T0.AddDays(1), CancellationToken.None)).Received);
    }
}
