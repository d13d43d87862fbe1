using System.Diagnostics;
using Mailflow.Local.Tests.Queues.Support;

namespace Mailflow.Local.Tests.Queues;

/// <summary>Long polling on real time (waits kept under 2 s) and on fake time where the clock alone should wake a receiver.</summary>
public class LongPollingTests
{
    [Fact]
    public async Task A_waiting_receive_wakes_promptly_when_a_message_is_sent()
    {
        await using var context = QueueTestContext.OnRealTime();
        await context.QueueAsync("jobs");
        var elapsed = Stopwatch.StartNew();

        var receive = context.Engine.ReceiveAsync("jobs", wait: TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        Assert.False(receive.IsCompleted);
        await context.Engine.SendTextAsync("jobs", "wake up");
        var messages = await receive.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal("wake up", Assert.Single(messages).Body);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(5), $"took {elapsed.Elapsed}");
    }

    [Fact]
    public async Task A_waiting_receive_returns_empty_when_the_wait_time_ends()
    {
        await using var context = QueueTestContext.OnRealTime();
        await context.QueueAsync("jobs");
        var elapsed = Stopwatch.StartNew();

        var messages = await context.Engine.ReceiveAsync("jobs", wait: TimeSpan.FromMilliseconds(300));

        Assert.Empty(messages);
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task The_queue_receive_wait_time_applies_when_the_request_sets_none()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { ReceiveWaitTime = TimeSpan.FromSeconds(20) });

        var receive = context.Engine.ReceiveAsync("jobs", new(1), CancellationToken.None);
        await Task.Delay(50);
        Assert.False(receive.IsCompleted);
        await context.Engine.SendTextAsync("jobs", "x");

        Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_waiting_receive_wakes_when_a_delayed_message_becomes_visible()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "delayed", TimeSpan.FromSeconds(5));

        var receive = context.Engine.ReceiveAsync("jobs", wait: TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        Assert.False(receive.IsCompleted);
        context.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("delayed", Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(2))).Body);
    }

    [Fact]
    public async Task A_waiting_receive_wakes_when_an_in_flight_message_times_out()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromSeconds(10) });
        await context.Engine.SendTextAsync("jobs", "retry me");
        await context.Engine.ReceiveOneAsync("jobs");

        var receive = context.Engine.ReceiveAsync("jobs", wait: TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        Assert.False(receive.IsCompleted);
        context.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(2))).ReceiveCount);
    }

    [Fact]
    public async Task A_delayed_send_during_a_wait_is_picked_up_when_its_delay_ends()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        var receive = context.Engine.ReceiveAsync("jobs", wait: TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        await context.Engine.SendTextAsync("jobs", "in three seconds", TimeSpan.FromSeconds(3));
        await Task.Delay(50);
        Assert.False(receive.IsCompleted);
        context.Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_waiting_receive_ends_empty_when_fake_time_passes_the_wait()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        var receive = context.Engine.ReceiveAsync("jobs", wait: TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        context.Clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Empty(await receive.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Cancelling_a_waiting_receive_throws_OperationCanceled()
    {
        await using var context = QueueTestContext.OnRealTime();
        await context.QueueAsync("jobs");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => context.Engine.ReceiveAsync("jobs", new(1, WaitTime: TimeSpan.FromSeconds(20)), cancel.Token));
    }
}
