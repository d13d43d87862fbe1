using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Mailflow.Local.Queues;

/// <summary>
/// The byte layout SQS hashes for MD5OfMessageAttributes, used here also as the stored form of a message's attributes: it
/// is canonical (names sorted ordinally), keeps data types with their custom labels, and round-trips String, Number and
/// Binary values exactly. Per attribute: name, data type (each a 4-byte big-endian length + UTF-8), one transport byte
/// (1 = String/Number, 2 = Binary), then the value with its length.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
/// </summary>
internal static class MessageAttributeCodec
{
    private const byte StringTransport = 1;
    private const byte BinaryTransport = 2;

    public static IReadOnlyDictionary<string, MessageAttribute> Empty { get; } = new Dictionary<string, MessageAttribute>(StringComparer.Ordinal);

    public static bool IsBinary(string dataType) =>
        dataType.StartsWith("Binary", StringComparison.Ordinal) && (dataType.Length == 6 || dataType[6] == '.');

    /// <summary>The canonical bytes, or null when there are no attributes (SQS then reports no MD5 at all).</summary>
    public static byte[]? Encode(IReadOnlyDictionary<string, MessageAttribute>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        foreach (var name in attributes.Keys.Order(StringComparer.Ordinal))
        {
            var attribute = attributes[name];
            WriteBlock(buffer, Encoding.UTF8.GetBytes(name));
            WriteBlock(buffer, Encoding.UTF8.GetBytes(attribute.DataType));
            if (IsBinary(attribute.DataType))
            {
                buffer.Write([BinaryTransport]);
                WriteBlock(buffer, attribute.BinaryValue ?? []);
            }
            else
            {
                buffer.Write([StringTransport]);
                WriteBlock(buffer, Encoding.UTF8.GetBytes(attribute.StringValue ?? ""));
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static IReadOnlyDictionary<string, MessageAttribute> Decode(byte[]? data)
    {
        if (data is null || data.Length == 0)
        {
            return Empty;
        }

        var attributes = new Dictionary<string, MessageAttribute>(StringComparer.Ordinal);
        var span = data.AsSpan();
        while (!span.IsEmpty)
        {
            var name = Encoding.UTF8.GetString(ReadBlock(ref span));
            var dataType = Encoding.UTF8.GetString(ReadBlock(ref span));
            var transport = span[0];
            span = span[1..];
            var value = ReadBlock(ref span);
            attributes[name] = transport == BinaryTransport
                ? new MessageAttribute(dataType, null, value.ToArray())
                : new MessageAttribute(dataType, Encoding.UTF8.GetString(value));
        }

        return attributes;
    }

    private static void WriteBlock(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), value.Length);
        buffer.Advance(4);
        buffer.Write(value);
    }

    private static ReadOnlySpan<byte> ReadBlock(ref Span<byte> span)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(span);
        var value = span.Slice(4, length);
        span = span[(4 + length)..];
        return value;
    }
}
