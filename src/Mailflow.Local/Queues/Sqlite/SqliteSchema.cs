using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// The queue tables, versioned with <c>PRAGMA user_version</c>: each migration runs once, in order, in one transaction.
/// Times are Unix milliseconds. A message keeps three times: <c>sent_at</c> (SentTimestamp, never changes),
/// <c>retain_from</c> (what retention counts from: unchanged by a move to the DLQ, as SQS does for standard queues, reset
/// by a redrive back) and <c>arrived_at</c> (arrival in this queue, for the age of the oldest message: for a DLQ, the
/// time of the move, as SQS's ApproximateAgeOfOldestMessage reports it).
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] s_migrations =
    [
        """
        CREATE TABLE queues (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            visibility_timeout_ms INTEGER NOT NULL,
            retention_ms INTEGER NOT NULL,
            delay_ms INTEGER NOT NULL,
            receive_wait_ms INTEGER NOT NULL,
            maximum_message_size INTEGER NOT NULL,
            dead_letter_queue TEXT,
            max_receive_count INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_purged_at INTEGER
        ) STRICT;
        CREATE TABLE messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            queue_id INTEGER NOT NULL REFERENCES queues(id),
            message_id TEXT NOT NULL,
            body TEXT NOT NULL,
            attributes BLOB,
            md5_of_body TEXT NOT NULL,
            md5_of_attributes TEXT,
            sent_at INTEGER NOT NULL,
            retain_from INTEGER NOT NULL,
            arrived_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            receive_count INTEGER NOT NULL DEFAULT 0,
            first_received_at INTEGER,
            received_at INTEGER,
            receipt_handle TEXT,
            dead_letter_source TEXT
        ) STRICT;
        CREATE INDEX messages_by_visibility ON messages(queue_id, visible_at, seq);
        CREATE INDEX messages_by_retention ON messages(queue_id, retain_from);
        CREATE TABLE move_tasks (
            handle TEXT PRIMARY KEY,
            source_queue_id INTEGER NOT NULL REFERENCES queues(id),
            destination TEXT,
            max_per_second INTEGER,
            status TEXT NOT NULL,
            moved INTEGER NOT NULL,
            to_move INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            failure_reason TEXT
        ) STRICT;
        CREATE INDEX move_tasks_by_source ON move_tasks(source_queue_id, started_at);
        """,
    ];

    public static int Version => s_migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        var current = Convert.ToInt32(connection.Scalar("PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Version)
        {
            throw new InvalidOperationException(
                $"The queue database has schema version {current}, newer than this Mailflow knows ({Version}). Upgrade Mailflow.");
        }

        for (var version = current; version < Version; version++)
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(s_migrations[version], transaction);
            connection.Execute($"PRAGMA user_version = {version + 1}", transaction);
            transaction.Commit();
        }
    }
}
