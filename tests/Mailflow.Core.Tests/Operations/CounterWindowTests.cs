using Mailflow.Core.Operations;

namespace Mailflow.Core.Tests.Operations;

public sealed class CounterWindowTests
{
    private static readonly DateTimeOffset Hour = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Split_WholeHours_IsOneHourlyPart()
    {
        Assert.Equal([new CounterWindow(true, Hour, Hour.AddHours(24))], CounterWindow.Split(Hour, Hour.AddHours(24)));
    }

    [Fact]
    public void Split_UnalignedEnds_ReadsTheirMinutesAndTheWholeHoursBetween()
    {
        Assert.Equal(
            [
                new CounterWindow(false, Hour.AddMinutes(17), Hour.AddHours(1)),
                new CounterWindow(true, Hour.AddHours(1), Hour.AddHours(5)),
                new CounterWindow(false, Hour.AddHours(5), Hour.AddHours(5).AddMinutes(3)),
            ],
            CounterWindow.Split(Hour.AddMinutes(17), Hour.AddHours(5).AddMinutes(3)));
    }

    [Fact]
    public void Split_InsideOneHour_IsMinutesOnly()
    {
        Assert.Equal([new CounterWindow(false, Hour.AddMinutes(5), Hour.AddMinutes(50))], CounterWindow.Split(Hour.AddMinutes(5), Hour.AddMinutes(50)));
        Assert.Equal([new CounterWindow(false, Hour.AddMinutes(30), Hour.AddMinutes(90))], CounterWindow.Split(Hour.AddMinutes(30), Hour.AddMinutes(90)));
    }

    [Fact]
    public void Split_EmptyOrReversedWindow_HasNoParts()
    {
        Assert.Empty(CounterWindow.Split(Hour, Hour));
        Assert.Empty(CounterWindow.Split(Hour, Hour.AddHours(-1)));
    }

    [Fact]
    public void Split_OffsetTimes_AreSplitOnUtcHours()
    {
        var from = new DateTimeOffset(2026, 3, 1, 11, 30, 0, TimeSpan.FromHours(2));

        Assert.Equal(Hour.AddMinutes(30), CounterWindow.Split(from, from.AddHours(2))[0].Start);
        Assert.Equal(Hour.AddHours(1), CounterWindow.Split(from, from.AddHours(2))[1].Start);
    }
}
