using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;

namespace Mailflow.Local.Tests.Queues;

public class RedriveTests
{
    private static async Task<QueueTestContext> WithDeadLetterQueueAsync(int maxReceiveCount = 3)
    {
        var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs-dlq", q => q with { MessageRetention = TimeSpan.FromDays(14) });
        await context.QueueAsync("jobs", q => q with
        {
            VisibilityTimeout = TimeSpan.FromSeconds(10),
            DeadLetterQueue = "jobs-dlq",
            MaxReceiveCount = maxReceiveCount,
        });
        return context;
    }

    [Fact]
    public async Task A_message_received_maxReceiveCount_times_moves_to_the_DLQ_on_the_next_receive()
    {
        await using var context = await WithDeadLetterQueueAsync(maxReceiveCount: 3);
        var attributes = new Dictionary<string, MessageAttribute> { ["error"] = MessageAttribute.OfString("timeout") };
        var sent = await context.Engine.SendAsync("jobs", new SendRequest("poison", attributes), CancellationToken.None);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(i, (await context.Engine.ReceiveOneAsync("jobs")).ReceiveCount);
            context.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
        var dead = await context.Engine.ReceiveOneAsync("jobs-dlq");

        Assert.Equal(sent.MessageId, dead.MessageId);
        Assert.Equal("poison", dead.Body);
        Assert.Equal("timeout", dead.Attributes["error"].StringValue);
        Assert.Equal(sent.Md5OfMessageAttributes, dead.Md5OfMessageAttributes);
        Assert.Equal(QueueTestContext.Start, dead.SentAt);
        Assert.Equal("jobs", dead.DeadLetterSourceQueue);
        Assert.Equal(4, dead.ReceiveCount);
        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
    }

    [Fact]
    public async Task A_receive_skips_dead_lettered_messages_and_still_fills_the_batch()
    {
        await using var context = await WithDeadLetterQueueAsync(maxReceiveCount: 1);
        await context.Engine.SendTextAsync("jobs", "poison");
        await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(10));
        await context.Engine.SendTextAsync("jobs", "fresh");

        var received = await context.Engine.ReceiveAsync("jobs", 10);

        Assert.Equal("fresh", Assert.Single(received).Body);
        Assert.Equal("poison", Assert.Single(await context.Engine.PeekAsync("jobs-dlq")).Body);
    }

    [Fact]
    public async Task Dead_letters_keep_their_original_retention_clock_but_age_from_the_move()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("dlq", q => q with { MessageRetention = TimeSpan.FromDays(4) });
        await context.QueueAsync("jobs", q => q with { DeadLetterQueue = "dlq", MaxReceiveCount = 1, VisibilityTimeout = TimeSpan.FromHours(12) });
        await context.Engine.SendTextAsync("jobs", "a");
        await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromHours(12));
        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));

        context.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(TimeSpan.FromDays(2), (await context.Engine.StatsAsync("dlq")).OldestMessageAge);

        context.Clock.Advance(TimeSpan.FromHours(36) - TimeSpan.FromMilliseconds(1));
        Assert.Single(await context.Engine.PeekAsync("dlq"));
        context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(await context.Engine.PeekAsync("dlq"));
    }

    [Fact]
    public async Task ListDeadLetterSourceQueues_names_every_queue_whose_redrive_policy_targets_the_DLQ()
    {
        await using var context = await WithDeadLetterQueueAsync();
        await context.QueueAsync("other", q => q with { DeadLetterQueue = "jobs-dlq" });
        await context.QueueAsync("unrelated");

        Assert.Equal(["jobs", "other"], await context.Engine.ListDeadLetterSourceQueuesAsync("jobs-dlq", CancellationToken.None));
        Assert.Empty(await context.Engine.ListDeadLetterSourceQueuesAsync("unrelated", CancellationToken.None));
    }

    [Fact]
    public async Task A_long_poll_on_the_DLQ_wakes_when_a_message_is_dead_lettered()
    {
        await using var context = await WithDeadLetterQueueAsync(maxReceiveCount: 1);
        await context.Engine.SendTextAsync("jobs", "poison");
        await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(10));

        var waiting = context.Engine.ReceiveAsync("jobs-dlq", wait: TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        await context.Engine.ReceiveAsync("jobs");

        Assert.Single(await waiting.WaitAsync(TimeSpan.FromSeconds(2)));
    }
}
