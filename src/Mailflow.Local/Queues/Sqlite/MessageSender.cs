using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>Inserts sent messages; a delayed message is simply one whose <c>visible_at</c> lies in the future.</summary>
internal static class MessageSender
{
    public static void Insert(SqliteConnection connection, long queueId, IReadOnlyList<PreparedMessage> messages, long now)
    {
        using var command = connection.Command(
            """
            INSERT INTO messages (queue_id, message_id, body, attributes, md5_of_body, md5_of_attributes,
                                  sent_at, retain_from, arrived_at, visible_at)
            VALUES (@queue, @id, @body, @attributes, @md5Body, @md5Attributes, @now, @now, @now, @visibleAt)
            """,
            ("@queue", queueId), ("@now", now));
        var id = command.Parameters.Add("@id", SqliteType.Text);
        var body = command.Parameters.Add("@body", SqliteType.Text);
        var attributes = command.Parameters.Add("@attributes", SqliteType.Blob);
        var md5Body = command.Parameters.Add("@md5Body", SqliteType.Text);
        var md5Attributes = command.Parameters.Add("@md5Attributes", SqliteType.Text);
        var visibleAt = command.Parameters.Add("@visibleAt", SqliteType.Integer);
        foreach (var message in messages)
        {
            id.Value = message.MessageId;
            body.Value = message.Body;
            attributes.Value = (object?)message.Attributes ?? DBNull.Value;
            md5Body.Value = message.Md5OfBody;
            md5Attributes.Value = (object?)message.Md5OfAttributes ?? DBNull.Value;
            visibleAt.Value = now + message.DelayMs;
            command.ExecuteNonQuery();
        }
    }
}
