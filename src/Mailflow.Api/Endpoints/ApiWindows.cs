using System.Globalization;

namespace Mailflow.Api.Endpoints;

/// <summary>The windows and steps the metrics endpoints accept, by name.</summary>
public static class ApiWindows
{
    public static IReadOnlyDictionary<string, TimeSpan> Windows { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
    };

    public static IReadOnlyDictionary<string, TimeSpan> Steps { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1),
        ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1),
        ["6h"] = TimeSpan.FromHours(6),
        ["1d"] = TimeSpan.FromDays(1),
    };

    /// <summary>The step a window gets when none is asked for: 60, 96 and 168 points.</summary>
    public static string DefaultStep(string window) => window switch
    {
        "1h" => "1m",
        "24h" => "15m",
        _ => "1h",
    };

    public static string Names(IReadOnlyDictionary<string, TimeSpan> table) => string.Join(", ", table.Keys);

    /// <summary>The window [now − length, now), its start rounded down to <paramref name="align"/> so buckets stay put between calls.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(DateTimeOffset now, TimeSpan length, TimeSpan align)
    {
        var to = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % align.Ticks), TimeSpan.Zero) + align;
        return (to - length, to);
    }

    public static string Format(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
