namespace Mailflow.Core.Operations;

/// <summary>
/// A part of a counter window read at one granularity: whole hours from hourly counters, the rest from minute counters.
/// Ledgers keep both (the hourly ones summed from the same entries), so a 7-day summary reads 168 hours and at most two
/// partial hours of minutes instead of 10,080 minutes.
/// </summary>
public sealed record CounterWindow(bool Hourly, DateTimeOffset Start, DateTimeOffset End)
{
    public static TimeSpan Hour { get; } = TimeSpan.FromHours(1);

    /// <summary>The start of the hour an instant falls in (UTC).</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % Hour.Ticks), TimeSpan.Zero);

    /// <summary>True when a series of <paramref name="step"/> buckets over [from, to) can be read from the hourly counters alone.</summary>
    public static bool SeriesIsHourly(DateTimeOffset from, DateTimeOffset to, TimeSpan step) =>
        step.Ticks % Hour.Ticks == 0 && HourOf(from) == from && HourOf(to) == to;

    /// <summary>
    /// Splits [from, to) into minute and hour parts. A counter counts when its minute (or hour) starts inside its part,
    /// so the whole window covers exactly the minutes that start in [from, to).
    /// </summary>
    public static IReadOnlyList<CounterWindow> Split(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return [];
        }
        var firstHour = HourOf(from) == from ? from : HourOf(from) + Hour;
        var lastHour = HourOf(to);
        if (firstHour >= lastHour)
        {
            return [new CounterWindow(false, from, to)];
        }
        var parts = new List<CounterWindow>(3);
        if (from < firstHour)
        {
            parts.Add(new CounterWindow(false, from, firstHour));
        }
        parts.Add(new CounterWindow(true, firstHour, lastHour));
        if (lastHour < to)
        {
            parts.Add(new CounterWindow(false, lastHour, to));
        }
        return parts;
    }
}
