using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>Read-only views on a committed snapshot (a pooled reader connection): peek and approximate counts.</summary>
internal static class MessageBrowser
{
    public static IReadOnlyList<PeekedMessage> Peek(SqliteConnection connection, QueueEntry queue, int max, long now)
    {
        using var command = connection.Command(
            $"""
            SELECT {StoredMessage.Columns} FROM messages
            WHERE queue_id = @queue AND retain_from > @cutoff
            ORDER BY seq
            LIMIT @max
            """,
            ("@queue", queue.Id), ("@cutoff", RetentionSweeper.Cutoff(queue.Settings, now)), ("@max", max));
        using var reader = command.ExecuteReader();
        var messages = new List<PeekedMessage>();
        while (reader.Read())
        {
            var message = StoredMessage.Read(reader);
            messages.Add(new PeekedMessage(
                message.MessageId,
                message.Body,
                MessageAttributeCodec.Decode(message.Attributes),
                message.ReceiveCount,
                DateTimeOffset.FromUnixTimeMilliseconds(message.SentAt),
                message.VisibleAt > now && message.ReceiveCount > 0,
                message.DeadLetterSource));
        }

        return messages;
    }

    /// <summary>
    /// Visible, in flight (received, visibility not expired) and delayed (never received, not yet visible), as SQS's
    /// ApproximateNumberOfMessages, …NotVisible and …Delayed; the oldest age counts from arrival in this queue.
    /// </summary>
    public static QueueStats Stats(SqliteConnection connection, QueueEntry queue, long now)
    {
        using var command = connection.Command(
            """
            SELECT COALESCE(SUM(visible_at <= @now), 0),
                   COALESCE(SUM(visible_at > @now AND receive_count > 0), 0),
                   COALESCE(SUM(visible_at > @now AND receive_count = 0), 0),
                   MIN(arrived_at)
            FROM messages
            WHERE queue_id = @queue AND retain_from > @cutoff
            """,
            ("@queue", queue.Id), ("@now", now), ("@cutoff", RetentionSweeper.Cutoff(queue.Settings, now)));
        using var reader = command.ExecuteReader();
        reader.Read();
        var oldest = reader.NullableInt64(3);
        return new QueueStats(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            oldest is { } arrived ? TimeSpan.FromMilliseconds(Math.Max(0, now - arrived)) : null);
    }
}
