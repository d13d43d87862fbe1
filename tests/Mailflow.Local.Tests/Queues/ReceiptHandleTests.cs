using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using static Mailflow.Local.Tests.Queues.Support.QueueEngineTestExtensions;

namespace Mailflow.Local.Tests.Queues;

/// <summary>Delete and change visibility by receipt handle, including SQS's rules for handles made stale by a new receive.</summary>
public class ReceiptHandleTests
{
    [Fact]
    public async Task Delete_WithAStaleHandle_SucceedsButKeepsTheMessage_AsSqsDocuments()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(10) });
        await context.Engine.SendTextAsync("jobs", "a");
        var first = await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await context.Engine.ReceiveOneAsync("jobs");

        await context.Engine.DeleteAsync("jobs", first.ReceiptHandle, CancellationToken.None);

        Assert.Equal(new QueueStats(0, 1, 0, TimeSpan.FromSeconds(10)), await context.Engine.StatsAsync("jobs"));
        await context.Engine.DeleteAsync("jobs", second.ReceiptHandle, CancellationToken.None);
        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
    }

    [Fact]
    public async Task Delete_OfAnAlreadyDeletedMessage_Succeeds()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");

        await context.Engine.DeleteAsync("jobs", received.ReceiptHandle, CancellationToken.None);
        await context.Engine.DeleteAsync("jobs", received.ReceiptHandle, CancellationToken.None);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-handle")]
    [InlineData("AQAAAAAAAAABAAAAAAAAAAE")]
    public async Task Delete_WithAMalformedHandle_IsReceiptHandleIsInvalid(string handle)
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        await RefusedAsync(() => context.Engine.DeleteAsync("jobs", handle, CancellationToken.None), QueueEngineException.ReceiptHandleIsInvalid);
    }

    [Fact]
    public async Task A_handle_from_another_queue_is_ReceiptHandleIsInvalid()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.QueueAsync("other");
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");

        await RefusedAsync(() => context.Engine.DeleteAsync("other", received.ReceiptHandle, CancellationToken.None), QueueEngineException.ReceiptHandleIsInvalid);
        await RefusedAsync(
            () => context.Engine.ChangeVisibilityAsync("other", received.ReceiptHandle, TimeSpan.Zero, CancellationToken.None),
            QueueEngineException.ReceiptHandleIsInvalid);
    }

    [Fact]
    public async Task ChangeVisibility_ExtendsFromNow()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(30) });
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(20));

        await context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.FromSeconds(60), CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
        context.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, (await context.Engine.ReceiveOneAsync("jobs")).ReceiveCount);
    }

    [Fact]
    public async Task ChangeVisibility_ToZero_MakesTheMessageVisibleAtOnce()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");

        await context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(received.MessageId, (await context.Engine.ReceiveOneAsync("jobs")).MessageId);
    }

    [Fact]
    public async Task ChangeVisibility_WithTheHandleOfAnEarlierReceive_IsReceiptHandleIsInvalid()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(10) });
        await context.Engine.SendTextAsync("jobs", "a");
        var first = await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(10));
        await context.Engine.ReceiveOneAsync("jobs");

        var error = await RefusedAsync(
            () => context.Engine.ChangeVisibilityAsync("jobs", first.ReceiptHandle, TimeSpan.FromSeconds(5), CancellationToken.None),
            QueueEngineException.ReceiptHandleIsInvalid);
        Assert.Contains("received again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeVisibility_AfterTheTimeoutExpired_IsMessageNotInflight()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(10) });
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(11));

        await RefusedAsync(
            () => context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.FromSeconds(5), CancellationToken.None),
            QueueEngineException.MessageNotInflight);
    }

    [Fact]
    public async Task ChangeVisibility_OfADeletedMessage_IsReceiptHandleIsInvalid()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");
        await context.Engine.DeleteAsync("jobs", received.ReceiptHandle, CancellationToken.None);

        await RefusedAsync(
            () => context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.FromSeconds(5), CancellationToken.None),
            QueueEngineException.ReceiptHandleIsInvalid);
    }

    [Fact]
    public async Task ChangeVisibility_BeyondTwelveHoursAfterTheReceive_IsInvalidParameterValue()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromHours(1) });
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromMinutes(30));

        await RefusedAsync(
            () => context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.FromHours(12), CancellationToken.None),
            QueueEngineException.InvalidParameterValue);
        await context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.FromHours(11.5), CancellationToken.None);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(43_201)]
    public async Task ChangeVisibility_OutsideZeroToTwelveHours_IsInvalidParameterValue(int seconds)
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");

        await RefusedAsync(
            () => context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.FromSeconds(seconds), CancellationToken.None),
            QueueEngineException.InvalidParameterValue);
    }
}
