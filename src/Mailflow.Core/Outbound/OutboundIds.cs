using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mailflow.Core.Threading;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Ids of an outbound mail, derived only from what the app chose (app and idempotency key): the same envelope
/// redelivered, or sent again after a failure, gets the same mail id and therefore the same Message-ID, so a
/// recipient's client and Mailflow's thread index see one mail, not two (DESIGN.md: deterministic ids).
/// </summary>
public static class OutboundIds
{
    /// <summary><c>o</c> and the first 32 hex digits (128 bits) of SHA-256(app, LF, key): unique, opaque, safe in file names.</summary>
    public static string MailId(string app, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{app}\n{idempotencyKey}"), hash);
        return "o" + Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>
    /// The normalised Message-ID (<see cref="MessageIds.Normalize"/>) <c>{mailId}@{domain of from}</c>. RFC 5322
    /// §3.6.4 wants the right side to make the id globally unique; the sender's domain does, and an internationalised
    /// one is written in its ASCII form (RFC 5891) because a Message-ID must stay ASCII for non-SMTPUTF8 hops.
    /// </summary>
    public static string MessageId(string mailId, string fromAddress)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        ArgumentNullException.ThrowIfNull(fromAddress);
        var at = fromAddress.LastIndexOf('@');
        if (at < 0 || at == fromAddress.Length - 1)
        {
            throw new ArgumentException("The sender address has no domain; validate the envelope first.", nameof(fromAddress));
        }
        var domain = fromAddress[(at + 1)..].TrimEnd('.');
        if (!Ascii.IsValid(domain))
        {
            try
            {
                domain = new IdnMapping().GetAscii(domain);
            }
            catch (ArgumentException)
            {
                // Not a valid IDN: the validator refuses such a sender, so this is only reached by direct callers.
            }
        }
        return MessageIds.Normalize($"{mailId}@{domain}")!;
    }
}
