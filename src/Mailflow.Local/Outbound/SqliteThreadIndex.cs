using System.Text.Json;
using Mailflow.Core.Ports;
using Mailflow.Core.Threading;
using Mailflow.Local.Queues;
using Mailflow.Local.Queues.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Outbound;

/// <summary>
/// <see cref="IThreadIndex"/> in the data directory's SQLite file: one row per mail, and one row per normalised
/// Message-ID naming the mail it belongs to, so a reply's In-Reply-To or any References entry finds the mail in one
/// indexed lookup. Writes go through the queue engine's single writer, reads through read-only connections.
/// </summary>
public sealed class SqliteThreadIndex : IThreadIndex
{
    /// <summary><c>reference_ids</c> holds the References list: <c>references</c> is an SQL keyword.</summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS thread_mails (
            mail_id TEXT PRIMARY KEY,
            thread_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            message_ids TEXT NOT NULL,
            reference_ids TEXT NOT NULL,
            hops INTEGER NOT NULL,
            no_auto_reply_reason TEXT
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS thread_message_ids (
            message_id TEXT PRIMARY KEY,
            mail_id TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS thread_message_ids_by_mail ON thread_message_ids (mail_id);
        """;

    private const string UpsertMail = """
        INSERT INTO thread_mails (mail_id, thread_id, direction, message_ids, reference_ids, hops, no_auto_reply_reason)
        VALUES ($mail, $thread, $direction, $ids, $references, $hops, $reason)
        ON CONFLICT (mail_id) DO UPDATE SET thread_id = excluded.thread_id, direction = excluded.direction,
            message_ids = excluded.message_ids, reference_ids = excluded.reference_ids, hops = excluded.hops,
            no_auto_reply_reason = excluded.no_auto_reply_reason
        """;

    private const string ForgetMessageIds = "DELETE FROM thread_message_ids WHERE mail_id = $mail";

    /// <summary>
    /// A Message-ID keeps naming the mail first recorded under it: a later mail reusing the id (forged, or a broken
    /// client) must not take over the conversation of a mail already sent or received under it.
    /// </summary>
    private const string UpsertMessageId = """
        INSERT INTO thread_message_ids (message_id, mail_id) VALUES ($id, $mail)
        ON CONFLICT (message_id) DO NOTHING
        """;

    private const string Columns = "m.mail_id, m.thread_id, m.direction, m.message_ids, m.reference_ids, m.hops, m.no_auto_reply_reason";

    /// <summary>
    /// The wanted ids travel as one JSON array parameter (no limit on their number, one statement text); ordering by
    /// the array position picks the first listed id that is known, in the same query.
    /// </summary>
    private const string FindByMessageIds = $"""
        SELECT {Columns} FROM json_each($ids) AS wanted
        JOIN thread_message_ids AS known ON known.message_id = wanted.value
        JOIN thread_mails AS m ON m.mail_id = known.mail_id
        ORDER BY wanted.key LIMIT 1
        """;

    private const string FindByMailId = $"SELECT {Columns} FROM thread_mails AS m WHERE m.mail_id = $mail";

    private readonly SqliteQueueEngine _engine;

    private SqliteThreadIndex(SqliteQueueEngine engine) => _engine = engine;

    /// <summary>Opens the index on the engine's database, creating its tables when missing.</summary>
    public static async Task<SqliteThreadIndex> OpenAsync(SqliteQueueEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await engine.ExecuteWriteAsync(connection => connection.RunScript(Schema), cancellationToken).ConfigureAwait(false);
        return new SqliteThreadIndex(engine);
    }

    /// <summary>Replaces the mail's row and the Message-IDs naming it, in one writer operation (all or nothing).</summary>
    public Task RecordAsync(ThreadEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var messageIds = Normalized(entry.MessageIds);
        var idsJson = ToJson(entry.MessageIds);
        var referencesJson = ToJson(entry.References);
        return _engine.ExecuteWriteAsync(
            connection =>
            {
                connection.Execute(ForgetMessageIds, ("$mail", entry.MailId));
                connection.Execute(
                    UpsertMail,
                    ("$mail", entry.MailId),
                    ("$thread", entry.ThreadId),
                    ("$direction", entry.Direction),
                    ("$ids", idsJson),
                    ("$references", referencesJson),
                    ("$hops", entry.Hops),
                    ("$reason", entry.NoAutoReplyReason));
                foreach (var id in messageIds)
                {
                    connection.Execute(UpsertMessageId, ("$id", id), ("$mail", entry.MailId));
                }
                return messageIds.Length;
            },
            cancellationToken);
    }

    public Task<ThreadEntry?> FindByMailIdAsync(string mailId, CancellationToken cancellationToken) =>
        FindAsync(FindByMailId, ("$mail", mailId), cancellationToken);

    public Task<ThreadEntry?> FindByMessageIdsAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var wanted = Normalized(messageIds);
        return wanted.Length == 0
            ? Task.FromResult<ThreadEntry?>(null)
            : FindAsync(FindByMessageIds, ("$ids", JsonSerializer.Serialize(wanted, ThreadIndexJsonContext.Default.StringArray)), cancellationToken);
    }

    /// <summary>The ids as the index keys them (<see cref="MessageIds.Normalize"/>), blanks dropped, first occurrence kept.</summary>
    private static string[] Normalized(IEnumerable<string> messageIds) =>
        [.. messageIds.Select(MessageIds.Normalize).OfType<string>().Distinct(StringComparer.Ordinal)];

    private static string ToJson(IReadOnlyList<string> values) =>
        JsonSerializer.Serialize([.. values], ThreadIndexJsonContext.Default.StringArray);

    private static string[] FromJson(string json) =>
        JsonSerializer.Deserialize(json, ThreadIndexJsonContext.Default.StringArray) ?? [];

    private async Task<ThreadEntry?> FindAsync(string sql, (string Name, object? Value) parameter, CancellationToken cancellationToken)
    {
        await using var connection = _engine.OpenReader();
        await using var command = connection.Command(sql, parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static ThreadEntry Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        FromJson(reader.GetString(3)),
        FromJson(reader.GetString(4)),
        reader.GetInt32(5),
        reader.NullableString(6));
}
