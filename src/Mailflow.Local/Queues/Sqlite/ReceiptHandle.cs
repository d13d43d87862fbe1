using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// A receipt handle: which queue and message row it points at, plus 16 random bytes that make each receive's handle
/// distinct (SQS gives a new handle per receive). The row stores the latest handle, so an older one is recognisably stale.
/// Encoded as URL-safe Base64 of version (1 byte), queue id (8), message sequence (8) and nonce (16).
/// </summary>
internal readonly record struct ReceiptHandle(long QueueId, long Sequence)
{
    private const byte Version = 1;
    private const int Length = 1 + 8 + 8 + 16;

    public static string Create(long queueId, long sequence)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], queueId);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], sequence);
        RandomNumberGenerator.Fill(bytes[17..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static ReceiptHandle Parse(string? handle)
    {
        Span<byte> bytes = stackalloc byte[Length + 3];
        if (string.IsNullOrEmpty(handle) || !Base64Url.TryDecodeFromChars(handle, bytes, out var written) ||
            written != Length || bytes[0] != Version)
        {
            throw QueueErrors.InvalidHandle("it is not a handle this engine issued");
        }

        return new ReceiptHandle(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), BinaryPrimitives.ReadInt64BigEndian(bytes[9..]));
    }
}
