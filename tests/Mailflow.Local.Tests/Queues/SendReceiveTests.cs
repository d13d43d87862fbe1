using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;

namespace Mailflow.Local.Tests.Queues;

public class SendReceiveTests
{
    [Fact]
    public async Task Send_ThenReceive_ReturnsTheMessageWithIdDigestsCountsAndTimestamps()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        var sent = await context.Engine.SendTextAsync("jobs", "hello");
        context.Clock.Advance(TimeSpan.FromSeconds(3));
        var received = await context.Engine.ReceiveOneAsync("jobs");

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("hello", received.Body);
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", sent.Md5OfBody);
        Assert.Equal(sent.Md5OfBody, received.Md5OfBody);
        Assert.Null(sent.Md5OfMessageAttributes);
        Assert.Null(received.Md5OfMessageAttributes);
        Assert.Empty(received.Attributes);
        Assert.Equal(1, received.ReceiveCount);
        Assert.Equal(QueueTestContext.Start, received.SentAt);
        Assert.Equal(QueueTestContext.Start.AddSeconds(3), received.FirstReceivedAt);
        Assert.Null(received.DeadLetterSourceQueue);
        Assert.False(string.IsNullOrEmpty(received.ReceiptHandle));
    }

    [Fact]
    public async Task Receive_OnAnEmptyQueue_ReturnsNothingWithoutWaiting()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
    }

    [Fact]
    public async Task Receive_HidesTheMessageForTheVisibilityTimeout()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(30) });
        await context.Engine.SendTextAsync("jobs", "a");

        await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(29));

        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
    }

    [Fact]
    public async Task Receive_AfterVisibilityTimeout_ReturnsMessageAgainWithNewHandle()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(30) });
        await context.Engine.SendTextAsync("jobs", "a");

        var first = await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await context.Engine.ReceiveOneAsync("jobs");

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        Assert.Equal(2, second.ReceiveCount);
        Assert.Equal(first.FirstReceivedAt, second.FirstReceivedAt);
    }

    [Fact]
    public async Task Receive_WithAVisibilityOverride_UsesItInsteadOfTheQueueDefault()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromMinutes(10) });
        await context.Engine.SendTextAsync("jobs", "a");

        await context.Engine.ReceiveOneAsync("jobs", visibility: TimeSpan.FromSeconds(5));
        context.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(await context.Engine.ReceiveAsync("jobs"));
    }

    [Fact]
    public async Task Receive_WithVisibilityZero_LeavesTheMessageVisibleButNeverReturnsItTwiceInOneResponse()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "a");
        await context.Engine.SendTextAsync("jobs", "b");

        var batch = await context.Engine.ReceiveAsync("jobs", 10, TimeSpan.Zero);
        var again = await context.Engine.ReceiveAsync("jobs", 10, TimeSpan.Zero);

        Assert.Equal(["a", "b"], batch.Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.Equal(2, again.Count);
        Assert.All(again, message => Assert.Equal(2, message.ReceiveCount));
    }

    [Fact]
    public async Task Receive_ReturnsAtMostMaxMessages_OldestFirst()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        for (var i = 0; i < 15; i++)
        {
            await context.Engine.SendTextAsync("jobs", $"m{i:00}");
            context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var first = await context.Engine.ReceiveAsync("jobs", 10);
        var rest = await context.Engine.ReceiveAsync("jobs", 10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i:00}"), first.Select(m => m.Body));
        Assert.Equal(5, rest.Count);
    }

    [Fact]
    public async Task Send_WithTheQueueDelay_HidesTheMessageUntilTheDelayEnds()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { Delay = TimeSpan.FromSeconds(60) });
        await context.Engine.SendTextAsync("jobs", "later");

        context.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
        Assert.Equal(new QueueStats(0, 0, 1, TimeSpan.FromSeconds(59)), await context.Engine.StatsAsync("jobs"));

        context.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("later", (await context.Engine.ReceiveOneAsync("jobs")).Body);
    }

    [Fact]
    public async Task Send_WithAPerMessageDelay_OverridesTheQueueDelay()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { Delay = TimeSpan.FromSeconds(600) });
        await context.Engine.SendTextAsync("jobs", "now", TimeSpan.Zero);
        await context.Engine.SendTextAsync("jobs", "soon", TimeSpan.FromSeconds(900));

        var now = await context.Engine.ReceiveOneAsync("jobs");
        Assert.Equal("now", now.Body);
        await context.Engine.DeleteAsync("jobs", now.ReceiptHandle, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromSeconds(899));
        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
        context.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("soon", (await context.Engine.ReceiveOneAsync("jobs")).Body);
    }

    [Fact]
    public async Task SendBatch_StoresEveryMessageInOrderWithItsOwnResult()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        var results = await context.Engine.SendBatchAsync(
            "jobs", [.. Enumerable.Range(0, 10).Select(i => new SendRequest($"b{i}"))], CancellationToken.None);

        Assert.Equal(10, results.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(SqsMd5.OfBody("b3"), results[3].Md5OfBody);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"b{i}"), (await context.Engine.PeekAsync("jobs")).Select(m => m.Body));
    }

    [Fact]
    public async Task Delete_RemovesTheMessageForGood()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(1) });
        await context.Engine.SendTextAsync("jobs", "a");

        var received = await context.Engine.ReceiveOneAsync("jobs");
        await context.Engine.DeleteAsync("jobs", received.ReceiptHandle, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
    }

    [Fact]
    public async Task Delete_AfterTheVisibilityTimeoutButBeforeAnotherReceive_StillDeletes()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(1) });
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(5));

        await context.Engine.DeleteAsync("jobs", received.ReceiptHandle, CancellationToken.None);

        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
    }

    [Fact]
    public async Task Attributes_of_every_type_come_back_exactly_as_sent_with_SQS_digests()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        var attributes = new Dictionary<string, MessageAttribute>(StringComparer.Ordinal)
        {
            ["kind"] = MessageAttribute.OfString("invoice"),
            ["amount"] = new("Number", "12.50"),
            ["amount.int"] = new("Number.int", "-7"),
            ["thumb"] = new("Binary.png", null, [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]),
            ["raw"] = new("Binary", null, [0]),
            ["note"] = new("String.utf8", "ünïcode ✉"),
        };

        var sent = await context.Engine.SendAsync("jobs", new SendRequest("body", attributes), CancellationToken.None);
        var received = await context.Engine.ReceiveOneAsync("jobs");
        var peeked = Assert.Single(await context.Engine.PeekAsync("jobs"));

        Assert.Equal(SqsMd5.OfMessageAttributes(attributes), sent.Md5OfMessageAttributes);
        Assert.Equal(sent.Md5OfMessageAttributes, received.Md5OfMessageAttributes);
        foreach (var copy in new[] { received.Attributes, peeked.Attributes })
        {
            Assert.Equal(attributes.Keys.Order(StringComparer.Ordinal), copy.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, expected) in attributes)
            {
                Assert.Equal(expected.DataType, copy[name].DataType);
                Assert.Equal(expected.StringValue, copy[name].StringValue);
                Assert.Equal(expected.BinaryValue, copy[name].BinaryValue);
            }
        }
    }
}
