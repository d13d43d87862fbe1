using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// The <c>move_tasks</c> table and the moves themselves (SQS StartMessageMoveTask / ListMessageMoveTasks). A task moves the
/// messages that were in the dead-letter queue when it started (sequence ≤ <c>last_seq</c>) and are visible, to the
/// given destination or back to the queue each came from. A moved message starts afresh: receive count 0, visible now,
/// retention counted from the move. Task rows are durable, so a RUNNING task resumes after a restart.
/// </summary>
internal static class MoveTaskStore
{
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";

    private const string StatusColumns =
        "handle, status, destination, moved, to_move, started_at, failure_reason, max_per_second";

    public static MoveTaskStatus Start(SqliteConnection connection, QueueEntry source, string? destination, int? maxPerSecond, long now)
    {
        if (connection.Scalar("SELECT 1 FROM move_tasks WHERE source_queue_id = @queue AND status = 'RUNNING'", ("@queue", source.Id)) is not null)
        {
            throw QueueErrors.Invalid(
                $"A move task is already running for '{source.Name}'; only one may run per queue. Wait for it to finish (see ListMoveTasks).");
        }

        var toMove = (long)connection.Scalar(
            "SELECT COUNT(*) FROM messages WHERE queue_id = @queue AND visible_at <= @now AND retain_from > @cutoff",
            ("@queue", source.Id), ("@now", now), ("@cutoff", RetentionSweeper.Cutoff(source.Settings, now)))!;
        var lastSeq = (long?)connection.Scalar("SELECT MAX(seq) FROM messages WHERE queue_id = @queue", ("@queue", source.Id)) ?? 0;
        var handle = Guid.NewGuid().ToString();
        connection.Execute(
            """
            INSERT INTO move_tasks (handle, source_queue_id, destination, max_per_second, status, moved, to_move, last_seq, started_at)
            VALUES (@handle, @queue, @destination, @rate, 'RUNNING', 0, @toMove, @lastSeq, @now)
            """,
            ("@handle", handle), ("@queue", source.Id), ("@destination", destination), ("@rate", maxPerSecond),
            ("@toMove", toMove), ("@lastSeq", lastSeq), ("@now", now));
        return new MoveTaskStatus(handle, Running, source.Name, destination, 0, toMove, DateTimeOffset.FromUnixTimeMilliseconds(now), null, maxPerSecond);
    }

    /// <summary>The tasks still RUNNING, with their source queue ids and rates, to resume at start.</summary>
    public static IReadOnlyList<(string Handle, long SourceQueueId, int? MaxPerSecond)> ReadRunning(SqliteConnection connection)
    {
        using var command = connection.Command("SELECT handle, source_queue_id, max_per_second FROM move_tasks WHERE status = 'RUNNING'");
        using var reader = command.ExecuteReader();
        var tasks = new List<(string, long, int?)>();
        while (reader.Read())
        {
            tasks.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
        }

        return tasks;
    }

    /// <summary>The source queue's most recent tasks, newest first (SQS returns at most 10).</summary>
    public static IReadOnlyList<MoveTaskStatus> List(SqliteConnection connection, QueueEntry source, int max)
    {
        using var command = connection.Command(
            $"SELECT {StatusColumns} FROM move_tasks WHERE source_queue_id = @queue ORDER BY started_at DESC, rowid DESC LIMIT @max",
            ("@queue", source.Id), ("@max", max));
        using var reader = command.ExecuteReader();
        var tasks = new List<MoveTaskStatus>();
        while (reader.Read())
        {
            tasks.Add(new MoveTaskStatus(
                reader.GetString(0),
                reader.GetString(1),
                source.Name,
                reader.NullableString(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                reader.NullableString(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7)));
        }

        return tasks;
    }

    public static MoveStep MoveBatch(SqliteConnection connection, string handle, QueueEntry source, QueueCatalog catalog, int batch, long now)
    {
        var (status, destination, lastSeq) = ReadTask(connection, handle);
        if (status != Running)
        {
            return new MoveStep(0, [], true, status);
        }

        var candidates = Candidates(connection, source, lastSeq, batch, now);
        var destinations = new HashSet<long>();
        foreach (var (sequence, deadLetterSource) in candidates)
        {
            var target = destination ?? deadLetterSource;
            var entry = target is null ? null : catalog.Find(target);
            if (entry is null)
            {
                return Finish(connection, handle, destinations.Count, destinations, Failed,
                    target is null
                        ? "A message in the queue was not dead-lettered from another queue (it was sent there directly), so it has no source to return to. Start a task with a destination."
                        : $"The message's source queue '{target}' does not exist. Start a task with a destination.");
            }

            connection.Execute(
                """
                UPDATE messages SET queue_id = @destination, receive_count = 0, first_received_at = NULL, received_at = NULL,
                                    receipt_handle = NULL, visible_at = @now, arrived_at = @now, retain_from = @now,
                                    dead_letter_source = NULL
                WHERE seq = @seq
                """,
                ("@destination", entry.Id), ("@now", now), ("@seq", sequence));
            connection.Execute("UPDATE move_tasks SET moved = moved + 1 WHERE handle = @handle", ("@handle", handle));
            destinations.Add(entry.Id);
        }

        return candidates.Count < batch
            ? Finish(connection, handle, candidates.Count, destinations, Completed, null)
            : new MoveStep(candidates.Count, destinations, false, Running);
    }

    private static (string Status, string? Destination, long LastSeq) ReadTask(SqliteConnection connection, string handle)
    {
        using var command = connection.Command("SELECT status, destination, last_seq FROM move_tasks WHERE handle = @handle", ("@handle", handle));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.NullableString(1), reader.GetInt64(2)) : (Failed, null, 0);
    }

    private static List<(long Sequence, string? DeadLetterSource)> Candidates(
        SqliteConnection connection, QueueEntry source, long lastSeq, int batch, long now)
    {
        using var command = connection.Command(
            """
            SELECT seq, dead_letter_source FROM messages
            WHERE queue_id = @queue AND seq <= @lastSeq AND visible_at <= @now AND retain_from > @cutoff
            ORDER BY seq LIMIT @batch
            """,
            ("@queue", source.Id), ("@lastSeq", lastSeq), ("@now", now),
            ("@cutoff", RetentionSweeper.Cutoff(source.Settings, now)), ("@batch", batch));
        using var reader = command.ExecuteReader();
        var candidates = new List<(long, string?)>();
        while (reader.Read())
        {
            candidates.Add((reader.GetInt64(0), reader.NullableString(1)));
        }

        return candidates;
    }

    private static MoveStep Finish(SqliteConnection connection, string handle, int moved, HashSet<long> destinations, string status, string? reason)
    {
        connection.Execute(
            "UPDATE move_tasks SET status = @status, failure_reason = @reason WHERE handle = @handle",
            ("@status", status), ("@reason", reason), ("@handle", handle));
        return new MoveStep(moved, destinations, true, status);
    }
}
