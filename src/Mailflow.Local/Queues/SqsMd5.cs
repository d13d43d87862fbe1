using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Mailflow.Local.Queues;

/// <summary>
/// The MD5 digests SQS returns with SendMessage and ReceiveMessage (MD5OfMessageBody, MD5OfMessageAttributes), as lower-case
/// hex. SDKs verify them, so they must match SQS byte for byte. MD5 here is a checksum the protocol defines, not security.
/// </summary>
[SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "SQS defines these checksums as MD5.")]
public static class SqsMd5
{
    /// <summary>Hex MD5 of the body's UTF-8 bytes.</summary>
    public static string OfBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
    }

    /// <summary>Hex MD5 of the attributes' canonical encoding (see <see cref="MessageAttributeCodec"/>); null when there are none.</summary>
    public static string? OfMessageAttributes(IReadOnlyDictionary<string, MessageAttribute>? attributes)
    {
        var encoded = MessageAttributeCodec.Encode(attributes);
        return encoded is null ? null : OfEncodedAttributes(encoded);
    }

    internal static string OfEncodedAttributes(byte[] encoded) => Convert.ToHexStringLower(MD5.HashData(encoded));
}
