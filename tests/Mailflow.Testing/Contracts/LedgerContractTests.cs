using Mailflow.Core.Ports;

namespace Mailflow.Testing.Contracts;

/// <summary>
/// What every <see cref="IMessageLedger"/> must do, run against each adapter by a subclass. The port only appends, so a
/// subclass also says how its ledger reads a mail's timeline back (<see cref="EntriesForAsync"/>). Times are whole
/// milliseconds and distinct per mail: the SQLite ledger keeps milliseconds, and entries of one instant may come back
/// in any order from a ledger sorted by time.
/// </summary>
public abstract class LedgerContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private IMessageLedger? _ledger;

    protected IMessageLedger Ledger => _ledger ?? throw new InvalidOperationException("The ledger opens in InitializeAsync.");

    /// <summary>Opens a ledger with no entries.</summary>
    protected abstract Task<IMessageLedger> OpenLedgerAsync();

    /// <summary>Every entry the ledger holds for <paramref name="mailId"/>, as its timeline reads them (oldest first).</summary>
    protected abstract Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string mailId);

    public async Task InitializeAsync() => _ledger = await OpenLedgerAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected Task RecordAsync(LedgerEntry entry) => Ledger.RecordAsync(entry, CancellationToken.None);

    [Fact]
    public async Task A_mail_with_no_entries_has_an_empty_timeline()
    {
        await RecordAsync(new LedgerEntry("ses-1", LedgerEvent.Received, Start));

        Assert.Empty(await EntriesForAsync("ses-2"));
    }

    [Fact]
    public async Task A_timeline_lists_the_entries_of_a_mail_in_the_order_they_happened()
    {
        LedgerEntry[] timeline =
        [
            new("ses-1", LedgerEvent.Received, Start),
            new("ses-1", LedgerEvent.Routed, Start.AddMilliseconds(15), "env-1", "invoices", "mailflow-invoices"),
            new("ses-1", LedgerEvent.Routed, Start.AddMilliseconds(16), "env-2", "support", "mailflow-support"),
            new("ses-1", LedgerEvent.Failed, Start.AddSeconds(3), App: "support", ReasonCode: "exhausted", Reason: "gave up"),
        ];
        foreach (var entry in timeline)
        {
            await RecordAsync(entry);
        }

        Assert.Equal(timeline, await EntriesForAsync("ses-1"));
    }

    [Fact]
    public async Task Every_field_of_an_entry_round_trips()
    {
        var sent = new LedgerEntry("out-1", LedgerEvent.Sent, Start, "env-9", "invoices", "mailflow-outbound", "sent",
            "Zustellung an bücher@example.com — 送信済み 📨", "0102019a-ses-id", "out-1@mailflow.local");
        await RecordAsync(sent);

        Assert.Equal([sent], await EntriesForAsync("out-1"));
    }

    [Fact]
    public async Task Fields_left_empty_come_back_null()
    {
        var received = new LedgerEntry("ses-1", LedgerEvent.Received, Start);
        await RecordAsync(received);

        Assert.Equal([received], await EntriesForAsync("ses-1"));
    }

    [Fact]
    public async Task An_entry_keeps_its_instant_whatever_offset_it_was_recorded_with()
    {
        var delayed = new LedgerEntry("out-1", LedgerEvent.Delayed, new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.FromHours(2)));
        await RecordAsync(delayed);

        Assert.Equal(Start, Assert.Single(await EntriesForAsync("out-1")).At);
    }

    [Fact]
    public async Task Every_event_kind_round_trips()
    {
        var entries = Enum.GetValues<LedgerEvent>()
            .Select((kind, index) => new LedgerEntry("mail-1", kind, Start.AddSeconds(index)))
            .ToArray();
        foreach (var entry in entries)
        {
            await RecordAsync(entry);
        }

        Assert.Equal(entries, await EntriesForAsync("mail-1"));
    }

    [Fact]
    public async Task Each_mail_has_its_own_timeline_even_when_its_id_extends_another()
    {
        string[] mailIds = ["ses-1", "ses-10", "ses-1#Received", "queue:ses-1", "mail#ses-1"];
        foreach (var (mailId, index) in mailIds.Select((id, index) => (id, index)))
        {
            await RecordAsync(new LedgerEntry(mailId, LedgerEvent.Received, Start.AddSeconds(index), EnvelopeId: $"env-{index}"));
        }

        foreach (var (mailId, index) in mailIds.Select((id, index) => (id, index)))
        {
            Assert.Equal([new LedgerEntry(mailId, LedgerEvent.Received, Start.AddSeconds(index), EnvelopeId: $"env-{index}")],
                await EntriesForAsync(mailId));
        }
    }

    [Fact]
    public async Task The_same_entry_recorded_twice_by_a_retry_is_kept_twice()
    {
        var duplicate = new LedgerEntry("out-1", LedgerEvent.Duplicate, Start, App: "invoices", ReasonCode: "duplicate");

        await RecordAsync(duplicate);
        await RecordAsync(duplicate);

        Assert.Equal([duplicate, duplicate], await EntriesForAsync("out-1"));
    }
}
