using Mailflow.Core.Operations;
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

    /// <summary>The ledger table exactly as Mailflow created it before the API (commit e60eee5), with a routed mail and a sent one.</summary>
    private const string BeforeApiSchema = """
        CREATE TABLE IF NOT EXISTS ledger (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            ses_message_id TEXT NOT NULL,
            event TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            envelope_id TEXT, app TEXT, queue TEXT, reason_code TEXT, reason TEXT,
            provider_message_id TEXT, message_id TEXT);
        CREATE INDEX IF NOT EXISTS ledger_by_message ON ledger (ses_message_id, seq);
        INSERT INTO ledger (ses_message_id, event, at_ms, envelope_id, app, queue)
        VALUES ('ses-old', 'Received', 1772355600000, NULL, NULL, NULL),
               ('ses-old', 'Routed', 1772355600020, 'env-1', 'invoices', 'mailflow-invoices'),
               ('out-old', 'Sent', 1772355660000, 'env-2', 'invoices', 'mailflow-outbound');
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

    [Fact]
    public async Task A_ledger_written_before_the_API_keeps_its_entries_and_gains_summaries_and_counters_built_from_them()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.Engine.ExecuteWriteAsync(connection => connection.RunScript(BeforeApiSchema), CancellationToken.None);
        await context.ReopenAsync();

        var ledger = await SqliteMessageLedger.OpenAsync(context.Engine, CancellationToken.None);
        var reader = new SqliteMessageLedgerReader(context.Engine);
        await ledger.RecordAsync(new LedgerEntry("ses-old", LedgerEvent.Replied, At.AddMinutes(2), Reason: "out-9"), CancellationToken.None);

        Assert.Equal(
            [new LedgerEntry("ses-old", LedgerEvent.Received, At), new LedgerEntry("ses-old", LedgerEvent.Routed, At.AddMilliseconds(20), "env-1", "invoices", "mailflow-invoices"),
             new LedgerEntry("ses-old", LedgerEvent.Replied, At.AddMinutes(2), Reason: "out-9")],
            await reader.TimelineAsync("ses-old", CancellationToken.None));
        var page = await reader.SearchAsync(new MessageSearch(), CancellationToken.None);
        Assert.Equal([("out-old", "sent", "outbound"), ("ses-old", "routed", "inbound")], page.Items.Select(m => (m.MailId, m.Status, m.Direction)));
        var summary = await reader.SummaryAsync(At, At.AddHours(1), CancellationToken.None);
        Assert.Equal((1L, 1L), (summary.Received, summary.Sent));
        Assert.Equal(new Dictionary<string, long> { ["invoices"] = 1 }, summary.RoutedPerApp);
        Assert.Equal(0, await context.Engine.ExecuteWriteAsync(LedgerSchema.Migrate, CancellationToken.None));
    }

    [Fact]
    public async Task Search_and_summaries_read_through_indexes()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await SqliteMessageLedger.OpenAsync(context.Engine, CancellationToken.None);
        string[] queries =
        [
            "SELECT m.id FROM ledger_mails m WHERE (m.first_ms, m.id) < (1, 2) ORDER BY m.first_ms DESC, m.id DESC LIMIT 51",
            "SELECT m.id FROM ledger_mails m WHERE m.status = 'routed' AND (m.first_ms, m.id) < (1, 2) ORDER BY m.first_ms DESC, m.id DESC LIMIT 51",
            "SELECT m.id FROM ledger_mail_apps a JOIN ledger_mails m ON m.id = a.mail WHERE a.app = 'x' AND (a.first_ms, a.mail) < (1, 2) ORDER BY a.first_ms DESC, a.mail DESC LIMIT 51",
            "SELECT name, app, SUM(count) FROM ledger_counters_hourly WHERE hour_ms >= 1 AND hour_ms < 2 GROUP BY name, app",
            "SELECT seq FROM ledger WHERE event = 'Audit' AND (at_ms, seq) < (1, 2) ORDER BY at_ms DESC, seq DESC LIMIT 51",
        ];

        foreach (var query in queries)
        {
            var plan = await context.Engine.ExecuteWriteAsync(connection => Plan(connection, query), CancellationToken.None);
            // A temporary B-tree for ORDER BY would mean sorting every match before the first row; GROUP BY of the few
            // counter names is fine.
            Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", plan, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"SCAN (m|a|ledger|ledger_mails)\b(?! USING)", plan);
        }
    }

    private static string Plan(Microsoft.Data.Sqlite.SqliteConnection connection, string query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }
        return string.Join('\n', lines);
    }
}
