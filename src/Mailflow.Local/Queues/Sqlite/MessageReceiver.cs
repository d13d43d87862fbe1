using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// One receive attempt, run on the writer thread: drops expired messages, then claims up to N visible ones (oldest
/// visibility first), each with a new receipt handle, a receive count one higher and a visibility deadline. A message
/// already received maxReceiveCount times goes to the dead-letter queue instead, keeping its id, body, attributes and
/// sent time and recording where it came from ("the next receive after maxReceiveCount", as SQS redrive behaves).
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
/// </summary>
internal static class MessageReceiver
{
    public static ReceiveOutcome Receive(
        SqliteConnection connection, QueueEntry queue, QueueEntry? deadLetterQueue, int max, long visibilityMs, long now)
    {
        RetentionSweeper.DeleteExpired(connection, queue, now);
        var received = new List<ReceivedMessage>(max);
        var claimed = new HashSet<long>();
        var deadLettered = 0;
        while (received.Count < max)
        {
            // With a visibility timeout of 0 a claimed message stays visible: skip what this attempt already took.
            var candidates = Candidates(connection, queue.Id, max - received.Count + claimed.Count, now)
                .Where(candidate => !claimed.Contains(candidate.Sequence))
                .Take(max - received.Count)
                .ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            foreach (var candidate in candidates)
            {
                if (deadLetterQueue is not null && candidate.ReceiveCount >= queue.Settings.MaxReceiveCount)
                {
                    DeadLetter(connection, candidate.Sequence, queue.Name, deadLetterQueue.Id, now);
                    deadLettered++;
                }
                else
                {
                    claimed.Add(candidate.Sequence);
                    received.Add(Claim(connection, queue.Id, candidate, now + visibilityMs, now));
                }
            }
        }

        var nextVisibleAt = received.Count > 0 ? null : (long?)connection.Scalar(
            "SELECT MIN(visible_at) FROM messages WHERE queue_id = @queue AND visible_at > @now", ("@queue", queue.Id), ("@now", now));
        return new ReceiveOutcome(received, deadLettered, nextVisibleAt);
    }

    private static List<StoredMessage> Candidates(SqliteConnection connection, long queueId, int count, long now)
    {
        using var command = connection.Command(
            $"""
            SELECT {StoredMessage.Columns} FROM messages
            WHERE queue_id = @queue AND visible_at <= @now
            ORDER BY visible_at, seq
            LIMIT @count
            """,
            ("@queue", queueId), ("@now", now), ("@count", count));
        using var reader = command.ExecuteReader();
        var candidates = new List<StoredMessage>(count);
        while (reader.Read())
        {
            candidates.Add(StoredMessage.Read(reader));
        }

        return candidates;
    }

    private static ReceivedMessage Claim(SqliteConnection connection, long queueId, StoredMessage message, long visibleAt, long now)
    {
        var handle = ReceiptHandle.Create(queueId, message.Sequence);
        connection.Execute(
            """
            UPDATE messages SET receive_count = receive_count + 1, first_received_at = COALESCE(first_received_at, @now),
                                received_at = @now, visible_at = @visibleAt, receipt_handle = @handle
            WHERE seq = @seq
            """,
            ("@now", now), ("@visibleAt", visibleAt), ("@handle", handle), ("@seq", message.Sequence));
        return new ReceivedMessage(
            message.MessageId,
            handle,
            message.Body,
            message.Md5OfBody,
            message.Md5OfAttributes,
            MessageAttributeCodec.Decode(message.Attributes),
            message.ReceiveCount + 1,
            DateTimeOffset.FromUnixTimeMilliseconds(message.SentAt),
            DateTimeOffset.FromUnixTimeMilliseconds(message.FirstReceivedAt ?? now),
            message.DeadLetterSource);
    }

    private static void DeadLetter(SqliteConnection connection, long sequence, string sourceQueue, long deadLetterQueueId, long now) =>
        connection.Execute(
            """
            UPDATE messages SET queue_id = @dlq, arrived_at = @now, visible_at = @now, received_at = NULL,
                                receipt_handle = NULL, dead_letter_source = @source
            WHERE seq = @seq
            """,
            ("@dlq", deadLetterQueueId), ("@now", now), ("@source", sourceQueue), ("@seq", sequence));
}
