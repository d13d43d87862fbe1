using Mailflow.Core.Pipeline;
using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using Mailflow.Local.Worker;
using Microsoft.Extensions.Logging.Testing;

namespace Mailflow.Local.Tests.Worker;

/// <summary>
/// One poll of the local worker on a real SQLite queue, on fake time: what the batch processor reports done is
/// deleted, a record it asks to come back later (a rate limit's wait) is hidden for exactly that long, and a failed
/// record comes back after the worker's own backoff.
/// </summary>
public class QueueWorkerTests
{
    private const string Queue = "mailflow-local-outbound";

    // Longer than any delay below, so that a message the worker forgot to delay would stay hidden and fail the test.
    private static readonly TimeSpan s_visibilityTimeout = TimeSpan.FromMinutes(5);

    private static async Task<QueueWorker> WorkerAsync(QueueTestContext context, IQueueRecordHandler handler)
    {
        await context.QueueAsync(Queue + "-dlq");
        await context.QueueAsync(Queue, q => q with { VisibilityTimeout = s_visibilityTimeout });
        var processor = new QueueBatchProcessor(handler, new SqliteQueueClient(context.Engine), Queue, maxReceiveCount: 3, context.Time,
            new FakeLogger<QueueBatchProcessor>());
        return new QueueWorker(context.Engine, processor, null, new FakeLogger<QueueWorker>());
    }

    private static async Task<IReadOnlyList<string>> VisibleAsync(QueueTestContext context) =>
        [.. (await context.Engine.PeekAsync(Queue)).Where(m => !m.InFlight).Select(m => m.Body).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_done_record_is_deleted_and_a_delayed_one_stays_hidden_for_the_delay_the_processor_gave_not_the_backoff()
    {
        await using var context = QueueTestContext.OnFakeTime();
        var worker = await WorkerAsync(context, new ScriptedHandler());
        await context.Engine.SendTextAsync(Queue, ScriptedHandler.Done);
        await context.Engine.SendTextAsync(Queue, ScriptedHandler.Delay30);

        var received = await worker.PollOnceAsync(CancellationToken.None);

        Assert.Equal(2, received);
        Assert.Equal([ScriptedHandler.Delay30], (await context.Engine.PeekAsync(Queue)).Select(m => m.Body));
        Assert.Equal(new QueueStats(0, 1, 0, TimeSpan.Zero), await context.Engine.StatsAsync(Queue));
        context.Clock.Advance(QueueWorker.RetryDelay(1));
        Assert.Empty(await VisibleAsync(context));
        context.Clock.Advance(TimeSpan.FromSeconds(30) - QueueWorker.RetryDelay(1) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await VisibleAsync(context));
        context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var back = await context.Engine.ReceiveOneAsync(Queue);
        Assert.Equal((ScriptedHandler.Delay30, 2), (back.Body, back.ReceiveCount));
    }

    [Fact]
    public async Task A_record_carries_when_its_message_was_put_on_the_queue_on_every_receive()
    {
        await using var context = QueueTestContext.OnFakeTime();
        var handler = new ScriptedHandler();
        var worker = await WorkerAsync(context, handler);
        DateTimeOffset? sentAt = context.Clock.GetUtcNow();
        await context.Engine.SendTextAsync(Queue, ScriptedHandler.Throw);
        context.Clock.Advance(TimeSpan.FromSeconds(7));

        await worker.PollOnceAsync(CancellationToken.None);
        context.Clock.Advance(QueueWorker.RetryDelay(1));
        await worker.PollOnceAsync(CancellationToken.None);

        // The outbound pipeline measures a sent mail's latency from here (SQS SentTimestamp), not from the last receive.
        Assert.Equal([(1, sentAt), (2, sentAt)], handler.Handled.Select(r => (r.ReceiveCount, r.SentAt)));
    }

    [Fact]
    public async Task A_record_that_failed_comes_back_after_the_retry_delay_of_its_receive_count()
    {
        await using var context = QueueTestContext.OnFakeTime();
        var worker = await WorkerAsync(context, new ScriptedHandler());
        await context.Engine.SendTextAsync(Queue, ScriptedHandler.Throw);
        await context.Engine.SendTextAsync(Queue, ScriptedHandler.Done);

        await worker.PollOnceAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(1), QueueWorker.RetryDelay(1));
        Assert.Equal([ScriptedHandler.Throw], (await context.Engine.PeekAsync(Queue)).Select(m => m.Body));
        context.Clock.Advance(QueueWorker.RetryDelay(1) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await VisibleAsync(context));
        context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([ScriptedHandler.Throw], await VisibleAsync(context));

        await worker.PollOnceAsync(CancellationToken.None);

        context.Clock.Advance(QueueWorker.RetryDelay(2) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await VisibleAsync(context));
        context.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var back = await context.Engine.ReceiveOneAsync(Queue);
        Assert.Equal((ScriptedHandler.Throw, 3), (back.Body, back.ReceiveCount));
    }

    [Fact]
    public async Task A_delay_longer_than_the_backoff_cap_is_honoured()
    {
        await using var context = QueueTestContext.OnFakeTime();
        var worker = await WorkerAsync(context, new ScriptedHandler());
        await context.Engine.SendTextAsync(Queue, ScriptedHandler.Delay180);

        await worker.PollOnceAsync(CancellationToken.None);

        context.Clock.Advance(TimeSpan.FromSeconds(179));
        Assert.Empty(await VisibleAsync(context));
        context.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([ScriptedHandler.Delay180], await VisibleAsync(context));
    }

    [Fact]
    public async Task A_record_failing_on_its_last_receive_is_dead_lettered_by_the_processor_and_deleted_from_the_source_queue()
    {
        await using var context = QueueTestContext.OnFakeTime();
        var worker = await WorkerAsync(context, new ScriptedHandler());
        await context.Engine.SendTextAsync(Queue, ScriptedHandler.Throw);

        for (var receive = 1; receive <= 3; receive++)
        {
            Assert.Equal(1, await worker.PollOnceAsync(CancellationToken.None));
            context.Clock.Advance(QueueWorker.RetryDelay(receive));
        }

        Assert.Empty(await context.Engine.PeekAsync(Queue));
        var dead = Assert.Single(await context.Engine.PeekAsync(Queue + "-dlq"));
        Assert.Equal(ScriptedHandler.Throw, dead.Body);
        Assert.Equal(DeadLetterAttributes.Exhausted, dead.Attributes[DeadLetterAttributes.FailureClass].StringValue);
        Assert.Equal("3", dead.Attributes[DeadLetterAttributes.ReceiveCount].StringValue);
    }
}
