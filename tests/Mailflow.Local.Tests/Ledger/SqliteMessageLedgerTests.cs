using Mailflow.Core.Ports;
using Mailflow.Local.Ledger;
using Mailflow.Local.Queues.Sqlite;
using Mailflow.Local.Tests.Queues.Support;

namespace Mailflow.Local.Tests.Ledger;

/// <summary>The ledger on a real SQLite file: the outbound fields, and data directories written before they existed.</summary>
public class SqliteMessageLedgerTests
{
    private static readonly DateTimeOffset At = QueueTestContext.Start;

    /// <summary>The ledger table exactly as Mailflow created it before outbound mail (commit a9a3507), with one entry of that time.</summary>
    private const string OldSchema = """
        CREATE TABLE IF NOT EXISTS ledger (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            ses_message_id TEXT NOT NULL,
            event TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            envelope_id TEXT, app TEXT, queue TEXT, reason_code TEXT, reason TEXT);
        CREATE INDEX IF NOT EXISTS ledger_by_message ON ledger (ses_message_id, seq);
        INSERT INTO ledger (ses_message_id, event, at_ms, envelope_id, app, queue)
        VALUES ('ses-old', 'Routed', 1772355600000, 'env-1', 'invoices', 'mailflow-invoices');
        """;

    private static readonly LedgerEntry s_sent = new(
        "out-1", LedgerEvent.Sent, At, EnvelopeId: "env-9", App: "invoices",
        ProviderMessageId: "0102019a-ses-id", MessageId: "out-1@mailflow.local");

    [Fact]
    public async Task Outbound_entries_keep_their_provider_id_and_message_id()
    {
        await using var context = QueueTestContext.OnFakeTime();
        var ledger = await SqliteMessageLedger.OpenAsync(context.Engine, CancellationToken.None);
        var duplicate = new LedgerEntry("out-1", LedgerEvent.Duplicate, At.AddSeconds(1), App: "invoices", ReasonCode: "duplicate");

        await ledger.RecordAsync(s_sent, CancellationToken.None);
        await ledger.RecordAsync(duplicate, CancellationToken.None);

        Assert.Equal([s_sent, duplicate], await ledger.EntriesForAsync("out-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_ledger_written_before_outbound_mail_is_migrated_once_and_keeps_its_entries()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.Engine.ExecuteWriteAsync(connection => connection.RunScript(OldSchema), CancellationToken.None);
        await context.ReopenAsync();

        var ledger = await SqliteMessageLedger.OpenAsync(context.Engine, CancellationToken.None);
        await ledger.RecordAsync(s_sent, CancellationToken.None);
        await context.ReopenAsync();
        var reopened = await SqliteMessageLedger.OpenAsync(context.Engine, CancellationToken.None);

        var old = new LedgerEntry("ses-old", LedgerEvent.Routed, At, "env-1", "invoices", "mailflow-invoices");
        Assert.Equal([old], await reopened.EntriesForAsync("ses-old", CancellationToken.None));
        Assert.Equal([s_sent], await reopened.EntriesForAsync("out-1", CancellationToken.None));
        Assert.Equal(["out-1", "ses-old"], (await reopened.ReceivedMessageIdsAsync(CancellationToken.None)).Order(StringComparer.Ordinal));
        Assert.Equal(0, await context.Engine.ExecuteWriteAsync(LedgerSchema.Migrate, CancellationToken.None));
    }
}
