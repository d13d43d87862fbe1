using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;

namespace Mailflow.Local.Tests.Queues;

public class StatsAndPeekTests
{
    [Fact]
    public async Task Stats_count_visible_in_flight_and_delayed_messages_and_the_oldest_age()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "in flight");
        context.Clock.Advance(TimeSpan.FromSeconds(5));
        await context.Engine.SendTextAsync("jobs", "visible");
        await context.Engine.SendTextAsync("jobs", "visible too");
        await context.Engine.SendTextAsync("jobs", "delayed", TimeSpan.FromMinutes(1));
        await context.Engine.ReceiveAsync("jobs", 1);
        context.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(new QueueStats(2, 1, 1, TimeSpan.FromSeconds(7)), await context.Engine.StatsAsync("jobs"));
    }

    [Fact]
    public async Task Stats_of_an_empty_queue_have_no_oldest_age()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
    }

    [Fact]
    public async Task Peek_leaves_receive_counts_and_visibility_untouched()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        var attributes = new Dictionary<string, MessageAttribute> { ["k"] = MessageAttribute.OfString("v") };
        await context.Engine.SendAsync("jobs", new SendRequest("first", attributes), CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromSeconds(1));
        await context.Engine.SendTextAsync("jobs", "second");
        await context.Engine.ReceiveAsync("jobs", 1);
        var before = await context.Engine.StatsAsync("jobs");

        var first = await context.Engine.PeekAsync("jobs");
        var second = await context.Engine.PeekAsync("jobs");

        Assert.Equal(before, await context.Engine.StatsAsync("jobs"));
        Assert.Equal(["first", "second"], first.Select(m => m.Body));
        Assert.Equal([1, 0], first.Select(m => m.ReceiveCount));
        Assert.Equal([true, false], first.Select(m => m.InFlight));
        Assert.Equal(first.Select(m => (m.MessageId, m.ReceiveCount, m.InFlight)), second.Select(m => (m.MessageId, m.ReceiveCount, m.InFlight)));
        Assert.Equal("v", first[0].Attributes["k"].StringValue);
        Assert.Equal(QueueTestContext.Start, first[0].SentAt);
        Assert.Equal("second", (await context.Engine.ReceiveOneAsync("jobs")).Body);
    }

    [Fact]
    public async Task Peek_returns_at_most_max_messages_oldest_first()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        for (var i = 0; i < 5; i++)
        {
            await context.Engine.SendTextAsync("jobs", $"m{i}");
        }

        Assert.Equal(["m0", "m1", "m2"], (await context.Engine.PeekAsync("jobs", 3)).Select(m => m.Body));
    }
}
