using Mailflow.Local.Queues.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Ledger;

/// <summary>
/// The ledger table and its migrations. <c>PRAGMA user_version</c> belongs to the queue schema (<see cref="SqliteSchema"/>),
/// so the ledger tells its version by the columns present: data directories created before outbound mail have a ledger
/// without <c>provider_message_id</c> and <c>message_id</c>, and get them added, once, when the ledger opens.
/// </summary>
internal static class LedgerSchema
{
    /// <summary>
    /// <c>ses_message_id</c> holds <see cref="Core.Ports.LedgerEntry.MailId"/> (the SES message id of a received mail,
    /// the outbound id of a sent one): it was named before outbound mail existed, and existing files keep the name.
    /// </summary>
    private const string Create = """
        CREATE TABLE IF NOT EXISTS ledger (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            ses_message_id TEXT NOT NULL,
            event TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            envelope_id TEXT, app TEXT, queue TEXT, reason_code TEXT, reason TEXT,
            provider_message_id TEXT, message_id TEXT);
        CREATE INDEX IF NOT EXISTS ledger_by_message ON ledger (ses_message_id, seq);
        """;

    /// <summary>Columns added after the first release, in the order they were added; each is nullable TEXT.</summary>
    private static readonly string[] s_addedColumns = ["provider_message_id", "message_id"];

    /// <summary>Creates the table, or adds the columns an older table lacks; runs inside one writer operation, so all or nothing.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        connection.RunScript(Create);
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
        var added = 0;
        foreach (var column in s_addedColumns.Where(column => !present.Contains(column)))
        {
            // ADD COLUMN of a nullable column without a default rewrites nothing: old rows read it as NULL.
            connection.RunScript($"ALTER TABLE ledger ADD COLUMN {column} TEXT");
            added++;
        }
        return added;
    }
}
