using Mailflow.Core.Ports;
using Mailflow.Local.Queues;
using Mailflow.Local.Queues.Sqlite;

namespace Mailflow.Local.Ledger;

/// <summary>
/// The message ledger in the data directory's SQLite file, beside the queues. Entries are appended, never changed.
/// Writes go through the queue engine's single writer (and its group commit), reads through read-only connections.
/// The column <c>ses_message_id</c> holds <see cref="LedgerEntry.MailId"/> (see <see cref="LedgerSchema"/>).
/// </summary>
public sealed class SqliteMessageLedger : IMessageLedger
{
    private const string InsertEntry = """
        INSERT INTO ledger (ses_message_id, event, at_ms, envelope_id, app, queue, reason_code, reason, provider_message_id, message_id)
        VALUES ($mail, $event, $at, $envelope, $app, $queue, $code, $reason, $provider, $messageId)
        """;

    private readonly SqliteQueueEngine _engine;

    private SqliteMessageLedger(SqliteQueueEngine engine) => _engine = engine;

    /// <summary>Opens the ledger, creating its table or migrating one written by an older Mailflow.</summary>
    public static async Task<SqliteMessageLedger> OpenAsync(SqliteQueueEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await engine.ExecuteWriteAsync(LedgerSchema.Migrate, cancellationToken).ConfigureAwait(false);
        return new SqliteMessageLedger(engine);
    }

    public Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _engine.ExecuteWriteAsync(
            connection => connection.Execute(
                InsertEntry,
                ("$mail", entry.MailId),
                ("$event", entry.Event.ToString()),
                ("$at", entry.At.ToUnixTimeMilliseconds()),
                ("$envelope", entry.EnvelopeId),
                ("$app", entry.App),
                ("$queue", entry.Queue),
                ("$code", entry.ReasonCode),
                ("$reason", entry.Reason),
                ("$provider", entry.ProviderMessageId),
                ("$messageId", entry.MessageId)),
            cancellationToken);
    }

    /// <summary>Every entry of one mail, in order.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string sesMessageId, CancellationToken cancellationToken)
    {
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ses_message_id, event, at_ms, envelope_id, app, queue, reason_code, reason, provider_message_id, message_id
            FROM ledger WHERE ses_message_id = $mail ORDER BY seq
            """;
        command.Parameters.AddWithValue("$mail", sesMessageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new LedgerEntry(
                reader.GetString(0),
                Enum.Parse<LedgerEvent>(reader.GetString(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.NullableString(3),
                reader.NullableString(4),
                reader.NullableString(5),
                reader.NullableString(6),
                reader.NullableString(7),
                reader.NullableString(8),
                reader.NullableString(9)));
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
}
