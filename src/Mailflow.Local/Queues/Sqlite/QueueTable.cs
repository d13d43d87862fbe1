using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>The <c>queues</c> table: settings in, settings out, and purge.</summary>
internal static class QueueTable
{
    public static IReadOnlyList<QueueEntry> ReadAll(SqliteConnection connection)
    {
        using var command = connection.Command(
            """
            SELECT id, name, visibility_timeout_ms, retention_ms, delay_ms, receive_wait_ms, maximum_message_size,
                   dead_letter_queue, max_receive_count
            FROM queues
            """);
        using var reader = command.ExecuteReader();
        var queues = new List<QueueEntry>();
        while (reader.Read())
        {
            queues.Add(new QueueEntry(reader.GetInt64(0), new QueueSettings(reader.GetString(1))
            {
                VisibilityTimeout = TimeSpan.FromMilliseconds(reader.GetInt64(2)),
                MessageRetention = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                Delay = TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                ReceiveWaitTime = TimeSpan.FromMilliseconds(reader.GetInt64(5)),
                MaximumMessageSize = reader.GetInt32(6),
                DeadLetterQueue = reader.NullableString(7),
                MaxReceiveCount = reader.GetInt32(8),
            }));
        }

        return queues;
    }

    /// <summary>Inserts the queue or updates its settings; returns its id.</summary>
    public static long Upsert(SqliteConnection connection, QueueSettings settings, long now) =>
        (long)connection.Scalar(
            """
            INSERT INTO queues (name, visibility_timeout_ms, retention_ms, delay_ms, receive_wait_ms, maximum_message_size,
                                dead_letter_queue, max_receive_count, created_at)
            VALUES (@name, @visibility, @retention, @delay, @wait, @size, @dlq, @maxReceive, @now)
            ON CONFLICT (name) DO UPDATE SET
                visibility_timeout_ms = excluded.visibility_timeout_ms, retention_ms = excluded.retention_ms,
                delay_ms = excluded.delay_ms, receive_wait_ms = excluded.receive_wait_ms,
                maximum_message_size = excluded.maximum_message_size, dead_letter_queue = excluded.dead_letter_queue,
                max_receive_count = excluded.max_receive_count
            RETURNING id
            """,
            ("@name", settings.Name),
            ("@visibility", (long)settings.VisibilityTimeout.TotalMilliseconds),
            ("@retention", (long)settings.MessageRetention.TotalMilliseconds),
            ("@delay", (long)settings.Delay.TotalMilliseconds),
            ("@wait", (long)settings.ReceiveWaitTime.TotalMilliseconds),
            ("@size", settings.MaximumMessageSize),
            ("@dlq", settings.DeadLetterQueue),
            ("@maxReceive", settings.MaxReceiveCount),
            ("@now", now))!;

    /// <summary>
    /// Deletes every message of the queue, in flight or not. SQS allows one purge per queue every 60 seconds
    /// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html); so does this.
    /// </summary>
    public static long Purge(SqliteConnection connection, QueueEntry queue, long now)
    {
        var lastPurge = (long?)connection.Scalar("SELECT last_purged_at FROM queues WHERE id = @id", ("@id", queue.Id));
        if (lastPurge is { } last && now - last < 60_000)
        {
            throw new QueueEngineException(
                QueueEngineException.PurgeQueueInProgress,
                $"'{queue.Name}' was purged {(now - last) / 1000} s ago; SQS allows one purge per queue every 60 seconds. " +
                "Try again after the minute has passed.");
        }

        connection.Execute("UPDATE queues SET last_purged_at = @now WHERE id = @id", ("@now", now), ("@id", queue.Id));
        return connection.Execute("DELETE FROM messages WHERE queue_id = @id", ("@id", queue.Id));
    }
}
