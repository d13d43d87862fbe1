using System.Globalization;

namespace Mailflow.Cli.Commands;

/// <summary>Parses <c>--ttl</c> values: a whole number and a unit, <c>30s</c>, <c>15m</c>, <c>1h</c>, <c>7d</c>.</summary>
public static class TokenLifetimeArgument
{
    public const string Allowed = "a whole number with s, m, h or d (30s, 15m, 1h, 7d), at most 30d";

    public static bool TryParse(string value, TimeSpan max, out TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(value);
        lifetime = TimeSpan.Zero;
        if (value.Length < 2 || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }
        var seconds = value[^1] switch
        {
            's' => count,
            'm' => count * 60,
            'h' => count * 3600,
            'd' => count * 86_400,
            _ => -1L,
        };
        // A count so large that its seconds overflow is negative here, and refused like any value over the maximum.
        if (seconds <= 0 || seconds > max.TotalSeconds)
        {
            return false;
        }
        lifetime = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
