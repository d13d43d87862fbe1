using Mailflow.Local.Queues.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Ledger;

/// <summary>
/// The ledger tables and their migrations. <c>PRAGMA user_version</c> belongs to the queue schema (<see cref="SqliteSchema"/>),
/// so the ledger tells its version by what is present: data directories created before outbound mail have a ledger
/// without <c>provider_message_id</c> and <c>message_id</c>, those created before the API (issue 7) lack
/// <c>latency_ms</c>, <c>actor</c>, the per-mail summaries and the counters. Missing columns are added and missing
/// summaries and counters are rebuilt from the entries already there, once, when the ledger opens.
/// </summary>
/// <remarks>
/// <c>ledger_mails</c> is one summary per mail (search reads it, never the entries); its name avoids the queue schema's
/// <c>messages</c> table. <c>ledger_mail_apps</c> is one row per (app, mail) so that "by app, newest first" is an index
/// range, not a scan. Counters are kept per minute and per hour: a 24 h or 7 d summary then reads at most two partial
/// hours of minutes plus whole hours.
/// </remarks>
internal static class LedgerSchema
{
    /// <summary>
    /// <c>ses_message_id</c> holds <see cref="Core.Ports.LedgerEntry.MailId"/> (the SES message id of a received mail,
    /// the outbound id of a sent one): it was named before outbound mail existed, and existing files keep the name.
    /// </summary>
    private const string CreateLedger = """
        CREATE TABLE IF NOT EXISTS ledger (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            ses_message_id TEXT NOT NULL,
            event TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            envelope_id TEXT, app TEXT, queue TEXT, reason_code TEXT, reason TEXT,
            provider_message_id TEXT, message_id TEXT, latency_ms INTEGER, actor TEXT);
        CREATE INDEX IF NOT EXISTS ledger_by_message ON ledger (ses_message_id, seq);
        """;

    private const string CreateReadSide = """
        CREATE INDEX IF NOT EXISTS ledger_audit ON ledger (at_ms, seq) WHERE event = 'Audit';
        CREATE TABLE ledger_mails (
            id INTEGER PRIMARY KEY,
            mail_id TEXT NOT NULL UNIQUE,
            direction TEXT,
            first_ms INTEGER NOT NULL,
            last_ms INTEGER NOT NULL,
            status TEXT NOT NULL,
            status_ms INTEGER,
            apps TEXT NOT NULL,
            mail_from TEXT,
            recipients TEXT NOT NULL,
            subject TEXT,
            facts_ms INTEGER,
            search_text TEXT NOT NULL);
        CREATE INDEX ledger_mails_newest ON ledger_mails (first_ms, id);
        CREATE INDEX ledger_mails_by_status ON ledger_mails (status, first_ms, id);
        CREATE TABLE ledger_mail_apps (
            app TEXT NOT NULL,
            first_ms INTEGER NOT NULL,
            mail INTEGER NOT NULL,
            PRIMARY KEY (app, first_ms, mail)) WITHOUT ROWID;
        CREATE INDEX ledger_mail_apps_by_mail ON ledger_mail_apps (mail);
        CREATE TABLE ledger_counters (
            minute_ms INTEGER NOT NULL,
            name TEXT NOT NULL,
            app TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (minute_ms, name, app)) WITHOUT ROWID;
        CREATE INDEX ledger_counters_by_name ON ledger_counters (name, minute_ms);
        CREATE TABLE ledger_counters_hourly (
            hour_ms INTEGER NOT NULL,
            name TEXT NOT NULL,
            app TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (hour_ms, name, app)) WITHOUT ROWID;
        """;

    /// <summary>Columns added after the first release, in the order they were added, with their types; each is nullable.</summary>
    private static readonly (string Name, string Type)[] s_addedColumns =
        [("provider_message_id", "TEXT"), ("message_id", "TEXT"), ("latency_ms", "INTEGER"), ("actor", "TEXT")];

    /// <summary>
    /// Creates the tables, or adds what an older ledger lacks; runs inside one writer operation, so all or nothing.
    /// Returns how many changes it made (0 when the ledger was current).
    /// </summary>
    public static int Migrate(SqliteConnection connection)
    {
        connection.RunScript(CreateLedger);
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_table_info('ledger')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                present.Add(reader.GetString(0));
            }
        }
        var changes = 0;
        foreach (var (column, type) in s_addedColumns.Where(column => !present.Contains(column.Name)))
        {
            // ADD COLUMN of a nullable column without a default rewrites nothing: old rows read it as NULL.
            connection.RunScript($"ALTER TABLE ledger ADD COLUMN {column} {type}");
            changes++;
        }
        if (connection.Scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_mails'") is null)
        {
            connection.RunScript(CreateReadSide);
            LedgerWrites.Rebuild(connection);
            changes++;
        }
        return changes;
    }
}
