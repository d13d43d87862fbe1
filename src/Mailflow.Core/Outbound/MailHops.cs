using MimeKit;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Counts how many times a conversation has passed through Mailflow, so that two gateways whose apps answer each
/// other cannot loop forever (<see cref="Configuration.OutboundConfig.MaxHops"/>). Mailflow writes
/// <see cref="HeaderName"/> on every mail it sends, one more than the mail it answers carried.
/// </summary>
/// <remarks>
/// This is a loop guard, so reading errs on the side of a high count: several headers count as the largest of them,
/// and a forged huge number is taken at its word (clamped to <see cref="int.MaxValue"/>) and stops the conversation.
/// A value that is not a number is ignored rather than read as a low count; the worst that does is one more hop.
/// </remarks>
public static class MailHops
{
    public const string HeaderName = "X-Mailflow-Hops";

    /// <summary>The largest non-negative integer among the <see cref="HeaderName"/> headers; 0 when there is none.</summary>
    public static int Read(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var hops = 0;
        foreach (var header in headers)
        {
            if (string.Equals(header.Field, HeaderName, StringComparison.OrdinalIgnoreCase) && TryParse(header.Value, out var value))
            {
                hops = Math.Max(hops, value);
            }
        }
        return hops;
    }

    // ASCII digits only (no sign, no spaces inside), saturating at int.MaxValue instead of overflowing.
    private static bool TryParse(string? text, out int value)
    {
        value = 0;
        var digits = (text ?? "").AsSpan().Trim();
        if (digits.IsEmpty)
        {
            return false;
        }
        long number = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            number = Math.Min(int.MaxValue, (number * 10) + (c - '0'));
        }
        value = (int)number;
        return true;
    }
}
