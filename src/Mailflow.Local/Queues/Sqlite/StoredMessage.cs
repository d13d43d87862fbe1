using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>A <c>messages</c> row as receive and peek read it.</summary>
internal sealed record StoredMessage(
    long Sequence,
    string MessageId,
    string Body,
    byte[]? Attributes,
    string Md5OfBody,
    string? Md5OfAttributes,
    long SentAt,
    int ReceiveCount,
    long? FirstReceivedAt,
    long VisibleAt,
    string? DeadLetterSource)
{
    public const string Columns =
        "seq, message_id, body, attributes, md5_of_body, md5_of_attributes, sent_at, receive_count, first_received_at, " +
        "visible_at, dead_letter_source";

    public static StoredMessage Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3),
        reader.GetString(4),
        reader.NullableString(5),
        reader.GetInt64(6),
        reader.GetInt32(7),
        reader.NullableInt64(8),
        reader.GetInt64(9),
        reader.NullableString(10));
}
