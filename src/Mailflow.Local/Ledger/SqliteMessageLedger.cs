using Mailflow.Core.Ports;
using Mailflow.Local.Queues;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Ledger;

/// <summary>
/// The message ledger in the data directory's SQLite file, beside the queues. Entries are appended, never changed.
/// Writes go through the queue engine's single writer (and its group commit), reads through read-only connections.
/// </summary>
public sealed class SqliteMessageLedger : IMessageLedger
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ledger (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            ses_message_id TEXT NOT NULL,
            event TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            envelope_id TEXT, app TEXT, queue TEXT, reason_code TEXT, reason TEXT);
        CREATE INDEX IF NOT EXISTS ledger_by_message ON ledger (ses_message_id, seq);
        """;

    private const string InsertEntry = """
        INSERT INTO ledger (ses_message_id, event, at_ms, envelope_id, app, queue, reason_code, reason)
        VALUES ($ses, $event, $at, $envelope, $app, $queue, $code, $reason)
        """;

    private readonly SqliteQueueEngine _engine;

    private SqliteMessageLedger(SqliteQueueEngine engine) => _engine = engine;

    public static async Task<SqliteMessageLedger> OpenAsync(SqliteQueueEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await engine.ExecuteWriteAsync(connection => Execute(connection, Schema), cancellationToken).ConfigureAwait(false);
        return new SqliteMessageLedger(engine);
    }

    public Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _engine.ExecuteWriteAsync(connection =>
        {
            using var command = Queues.Sqlite.StatementCache.Get(connection, InsertEntry);
            command.Parameters.AddWithValue("$ses", entry.MailId);
            command.Parameters.AddWithValue("$event", entry.Event.ToString());
            command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$envelope", (object?)entry.EnvelopeId ?? DBNull.Value);
            command.Parameters.AddWithValue("$app", (object?)entry.App ?? DBNull.Value);
            command.Parameters.AddWithValue("$queue", (object?)entry.Queue ?? DBNull.Value);
            command.Parameters.AddWithValue("$code", (object?)entry.ReasonCode ?? DBNull.Value);
            command.Parameters.AddWithValue("$reason", (object?)entry.Reason ?? DBNull.Value);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <summary>Every entry of one mail, in order.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string sesMessageId, CancellationToken cancellationToken)
    {
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ses_message_id, event, at_ms, envelope_id, app, queue, reason_code, reason
            FROM ledger WHERE ses_message_id = $ses ORDER BY seq
            """;
        command.Parameters.AddWithValue("$ses", sesMessageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new LedgerEntry(
                reader.GetString(0),
                Enum.Parse<LedgerEvent>(reader.GetString(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5), Nullable(reader, 6), Nullable(reader, 7)));
        }
        return entries;
    }

    /// <summary>The ids of every mail the worker has started processing.</summary>
    public async Task<IReadOnlySet<string>> ReceivedMessageIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT ses_message_id FROM ledger";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static string? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
