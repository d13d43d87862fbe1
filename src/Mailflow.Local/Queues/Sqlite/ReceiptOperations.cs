using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// Delete and change visibility by receipt handle, with SQS's rules for stale handles. Delete with an older handle
/// (the message was received again since) succeeds without deleting, and deleting a message that is already gone
/// succeeds: "if you use an old ReceiptHandle, the request succeeds but the message might not be deleted"
/// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html). This engine always
/// keeps the message on a stale delete, so a consumer that lost its claim cannot delete another consumer's work.
/// Change visibility is strict: a stale or unknown handle is ReceiptHandleIsInvalid, an expired one MessageNotInflight.
/// </summary>
internal static class ReceiptOperations
{
    /// <summary>Deletes the message if <paramref name="handle"/> is its latest; returns whether a message was deleted.</summary>
    public static bool Delete(SqliteConnection connection, QueueEntry queue, string handle)
    {
        var receipt = Parse(queue, handle);
        return connection.Execute(
            "DELETE FROM messages WHERE seq = @seq AND queue_id = @queue AND receipt_handle = @handle",
            ("@seq", receipt.Sequence), ("@queue", queue.Id), ("@handle", handle)) > 0;
    }

    /// <summary>Sets the message's visibility deadline to now + <paramref name="visibilityMs"/>.</summary>
    public static void ChangeVisibility(SqliteConnection connection, QueueEntry queue, string handle, long visibilityMs, long now)
    {
        var receipt = Parse(queue, handle);
        using var command = connection.Command(
            "SELECT receipt_handle, visible_at, received_at FROM messages WHERE seq = @seq AND queue_id = @queue",
            ("@seq", receipt.Sequence), ("@queue", queue.Id));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw QueueErrors.InvalidHandle("its message is no longer in this queue (deleted, dead-lettered, purged or expired)");
        }

        if (reader.NullableString(0) != handle)
        {
            throw QueueErrors.InvalidHandle("the message has been received again since this handle was issued");
        }

        var (visibleAt, receivedAt) = (reader.GetInt64(1), reader.GetInt64(2));
        if (visibleAt <= now)
        {
            throw new QueueEngineException(
                QueueEngineException.MessageNotInflight,
                $"The message is not in flight: its visibility timeout expired {now - visibleAt} ms ago. Receive it again to get a new handle.");
        }

        var limit = receivedAt + (long)QueueSettingsValidator.MaxVisibilityTimeout.TotalMilliseconds;
        if (now + visibilityMs > limit)
        {
            throw QueueErrors.Invalid(
                $"A message stays invisible at most 12 hours after it was received; {Math.Max(0, (limit - now) / 1000)} s remain. " +
                "Ask for less, or let it become visible and receive it again.");
        }

        connection.Execute(
            "UPDATE messages SET visible_at = @visibleAt WHERE seq = @seq", ("@visibleAt", now + visibilityMs), ("@seq", receipt.Sequence));
    }

    private static ReceiptHandle Parse(QueueEntry queue, string handle)
    {
        var receipt = ReceiptHandle.Parse(handle);
        if (receipt.QueueId != queue.Id)
        {
            throw QueueErrors.InvalidHandle($"it was issued by another queue, not '{queue.Name}'");
        }

        return receipt;
    }
}
