using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using static Mailflow.Local.Tests.Queues.Support.QueueEngineTestExtensions;

namespace Mailflow.Local.Tests.Queues;

public class MoveTaskTests
{
    /// <summary>Two source queues share one DLQ; <paramref name="perQueue"/> messages of each are dead-lettered.</summary>
    private static async Task<QueueTestContext> WithDeadLettersAsync(int perQueue)
    {
        var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("dlq");
        foreach (var source in new[] { "orders", "invoices" })
        {
            await context.QueueAsync(source, q => q with { DeadLetterQueue = "dlq", MaxReceiveCount = 1, VisibilityTimeout = TimeSpan.FromSeconds(1) });
            for (var i = 0; i < perQueue; i++)
            {
                await context.Engine.SendTextAsync(source, $"{source}-{i}");
            }

            Assert.Equal(perQueue, (await context.Engine.ReceiveAsync(source, 10)).Count);
        }

        context.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await context.Engine.ReceiveAsync("orders", 10));
        Assert.Empty(await context.Engine.ReceiveAsync("invoices", 10));
        Assert.Equal(2 * perQueue, (await context.Engine.StatsAsync("dlq")).Visible);
        return context;
    }

    private static Task<MoveTaskStatus> CompletedAsync(QueueTestContext context, Action? tick = null) =>
        Eventually.ReachesAsync(
            async () => (await context.Engine.ListMoveTasksAsync("dlq", CancellationToken.None))[0],
            task => task.Status != "RUNNING",
            tick);

    [Fact]
    public async Task A_move_task_returns_each_dead_letter_to_its_source_queue_with_receive_count_zero()
    {
        await using var context = await WithDeadLettersAsync(perQueue: 3);

        var handle = await context.Engine.StartMoveTaskAsync("dlq", null, null, CancellationToken.None);
        var task = await CompletedAsync(context);

        Assert.Equal(new MoveTaskStatus(handle, "COMPLETED", "dlq", null, 6, 6, QueueTestContext.Start.AddSeconds(1), null), task);
        Assert.Empty(await context.Engine.PeekAsync("dlq"));
        var orders = await context.Engine.PeekAsync("orders");
        Assert.Equal(["orders-0", "orders-1", "orders-2"], orders.Select(m => m.Body));
        Assert.All(orders, message => Assert.Equal(0, message.ReceiveCount));
        Assert.All(orders, message => Assert.Null(message.DeadLetterSourceQueue));
        Assert.Equal(3, (await context.Engine.StatsAsync("invoices")).Visible);
        Assert.Equal(1, (await context.Engine.ReceiveOneAsync("orders")).ReceiveCount);
    }

    [Fact]
    public async Task A_move_task_with_a_destination_moves_everything_there()
    {
        await using var context = await WithDeadLettersAsync(perQueue: 2);
        await context.QueueAsync("replay");

        await context.Engine.StartMoveTaskAsync("dlq", "replay", null, CancellationToken.None);
        var task = await CompletedAsync(context);

        Assert.Equal("replay", task.DestinationQueue);
        Assert.Equal(4, (await context.Engine.StatsAsync("replay")).Visible);
        Assert.Equal(0, (await context.Engine.StatsAsync("orders")).Visible);
    }

    [Fact]
    public async Task A_rate_limited_move_task_is_RUNNING_until_its_clock_allows_every_message()
    {
        await using var context = await WithDeadLettersAsync(perQueue: 2);

        await context.Engine.StartMoveTaskAsync("dlq", null, 1, CancellationToken.None);
        var partway = await Eventually.ReachesAsync(
            async () => (await context.Engine.ListMoveTasksAsync("dlq", CancellationToken.None))[0], task => task.MessagesMoved == 1);

        Assert.Equal("RUNNING", partway.Status);
        Assert.Equal(1, partway.MaxMessagesPerSecond);
        var done = await CompletedAsync(context, () => context.Clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal(("COMPLETED", 4L), (done.Status, done.MessagesMoved));
    }

    [Fact]
    public async Task A_move_task_on_a_real_clock_honours_its_rate()
    {
        await using var context = QueueTestContext.OnRealTime();
        await context.QueueAsync("dlq");
        await context.QueueAsync("jobs", q => q with { DeadLetterQueue = "dlq" });
        await context.Engine.SendBatchAsync("dlq", [.. Enumerable.Range(0, 5).Select(i => new SendRequest($"m{i}"))], CancellationToken.None);

        await context.Engine.StartMoveTaskAsync("dlq", "jobs", 10, CancellationToken.None);
        var done = await CompletedAsync(context);

        Assert.Equal(("COMPLETED", 5L), (done.Status, done.MessagesMoved));
    }

    [Fact]
    public async Task A_message_sent_straight_to_the_DLQ_fails_a_task_without_destination_with_a_reason()
    {
        await using var context = await WithDeadLettersAsync(perQueue: 1);
        await context.Engine.SendTextAsync("dlq", "no source");

        await context.Engine.StartMoveTaskAsync("dlq", null, null, CancellationToken.None);
        var task = await CompletedAsync(context);

        Assert.Equal("FAILED", task.Status);
        Assert.Equal(2, task.MessagesMoved);
        Assert.Contains("destination", task.FailureReason, StringComparison.Ordinal);
        Assert.Equal("no source", Assert.Single(await context.Engine.PeekAsync("dlq")).Body);
    }

    [Fact]
    public async Task ListMoveTasks_shows_the_newest_first()
    {
        await using var context = await WithDeadLettersAsync(perQueue: 1);
        var first = await context.Engine.StartMoveTaskAsync("dlq", null, null, CancellationToken.None);
        await CompletedAsync(context);
        context.Clock.Advance(TimeSpan.FromSeconds(1));

        var second = await context.Engine.StartMoveTaskAsync("dlq", null, null, CancellationToken.None);
        await CompletedAsync(context);

        var tasks = await context.Engine.ListMoveTasksAsync("dlq", CancellationToken.None);
        Assert.Equal([second, first], tasks.Select(t => t.TaskHandle));
        Assert.Equal(0, tasks[0].MessagesToMove);
    }

    [Fact]
    public async Task Only_one_move_task_may_run_per_queue()
    {
        await using var context = await WithDeadLettersAsync(perQueue: 2);
        await context.Engine.StartMoveTaskAsync("dlq", null, 1, CancellationToken.None);

        await RefusedAsync(() => context.Engine.StartMoveTaskAsync("dlq", null, null, CancellationToken.None), QueueEngineException.InvalidParameterValue);
    }

    [Fact]
    public async Task StartMoveTask_refuses_unknown_queues_non_DLQs_and_bad_rates()
    {
        await using var context = await WithDeadLettersAsync(perQueue: 1);

        await RefusedAsync(() => context.Engine.StartMoveTaskAsync("nope", null, null, CancellationToken.None), QueueEngineException.ResourceNotFound);
        await RefusedAsync(() => context.Engine.StartMoveTaskAsync("orders", null, null, CancellationToken.None), QueueEngineException.InvalidParameterValue);
        await RefusedAsync(() => context.Engine.StartMoveTaskAsync("dlq", "nope", null, CancellationToken.None), QueueEngineException.ResourceNotFound);
        await RefusedAsync(() => context.Engine.StartMoveTaskAsync("dlq", null, 501, CancellationToken.None), QueueEngineException.InvalidParameterValue);
        await RefusedAsync(() => context.Engine.StartMoveTaskAsync("dlq", null, 0, CancellationToken.None), QueueEngineException.InvalidParameterValue);
        await RefusedAsync(() => context.Engine.ListMoveTasksAsync("nope", CancellationToken.None), QueueEngineException.ResourceNotFound);
    }
}
