using System.Globalization;

namespace Mailflow.Local.Smtp;

/// <summary>
/// The MAIL FROM parameters the listener advertises: SIZE (RFC 1870), BODY=7BIT|8BITMIME (RFC 6152) and
/// SMTPUTF8 (RFC 6531). Any other keyword is <see cref="Unknown"/> (555 5.5.4, RFC 5321 §4.1.1.11).
/// </summary>
internal sealed record MailParameters(long? Size, bool SmtpUtf8, bool Unknown)
{
    /// <summary>The parameters, or null when a known one has a malformed value (501 5.5.4).</summary>
    public static MailParameters? Read(IReadOnlyDictionary<string, string?> parameters)
    {
        long? size = null;
        var smtpUtf8 = false;
        var unknown = false;
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "SIZE" when value is { Length: > 0 and <= 20 } && value.All(char.IsAsciiDigit):
                    // 20 digits can exceed long.MaxValue; such a size is over any limit anyway.
                    size = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) ? declared : long.MaxValue;
                    break;
                case "BODY" when value is not null && (value.Equals("7BIT", StringComparison.OrdinalIgnoreCase) || value.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase)):
                    break;
                case "SMTPUTF8" when value is null:
                    smtpUtf8 = true;
                    break;
                case "SIZE" or "BODY" or "SMTPUTF8":
                    return null;
                default:
                    unknown = true;
                    break;
            }
        }
        return new MailParameters(size, smtpUtf8, unknown);
    }
}
