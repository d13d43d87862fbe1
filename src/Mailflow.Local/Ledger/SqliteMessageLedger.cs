using Mailflow.Core.Ports;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Ledger;

/// <summary>
/// The message ledger in the data directory's SQLite file, beside the queues. Entries are appended, never changed; each
/// write also updates, in the same transaction, the summary of the mail it belongs to and the counters the API reads
/// (<see cref="LedgerWrites"/>; read back by <see cref="SqliteMessageLedgerReader"/>). Writes go through the queue
/// engine's single writer (and its group commit), reads through read-only connections. The column
/// <c>ses_message_id</c> holds <see cref="LedgerEntry.MailId"/> (see <see cref="LedgerSchema"/>).
/// </summary>
public sealed class SqliteMessageLedger : IMessageLedger
{
    private readonly SqliteQueueEngine _engine;

    private SqliteMessageLedger(SqliteQueueEngine engine) => _engine = engine;

    /// <summary>Opens the ledger, creating its tables or migrating those written by an older Mailflow.</summary>
    public static async Task<SqliteMessageLedger> OpenAsync(SqliteQueueEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await engine.ExecuteWriteAsync(LedgerSchema.Migrate, cancellationToken).ConfigureAwait(false);
        return new SqliteMessageLedger(engine);
    }

    public Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return RecordBatchAsync([entry], cancellationToken);
    }

    /// <summary>
    /// Records many entries in one writer operation (all or none): bulk loads (the API benchmark's seeding) would
    /// otherwise pay one savepoint and one summary write per entry instead of one per mail.
    /// </summary>
    public Task RecordBatchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return _engine.ExecuteWriteAsync(connection => LedgerWrites.Append(connection, entries), cancellationToken);
    }

    /// <summary>Every entry of one mail, in the order recorded (<see cref="LedgerEntry.Facts"/> null: see <see cref="LedgerEntryReader"/>).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string sesMessageId, CancellationToken cancellationToken)
    {
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"{LedgerEntryReader.Columns} FROM ledger WHERE ses_message_id = $mail ORDER BY seq";
        command.Parameters.AddWithValue("$mail", sesMessageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(LedgerEntryReader.Read(reader));
        }
        return entries;
    }

    /// <summary>
    /// The ids of every mail the worker has started processing: one row per mail from the summaries (audit action ids,
    /// which are no mail, are not among them), rather than DISTINCT over every entry.
    /// </summary>
    public async Task<IReadOnlySet<string>> ReceivedMessageIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT mail_id FROM ledger_mails";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
