using Mailflow.Core.Operations;
using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;

namespace Mailflow.Local.Tests.Operations;

public class LocalQueueAdministrationTests
{
    private const string App1 = "mailflow-local-app1";
    private const string App1Dlq = "mailflow-local-app1-dlq";
    private static readonly TimeSpan s_visibility = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_list_holds_every_Mailflow_queue_with_its_kind_app_depths_and_DLQ_depth_and_no_other_queue()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await context.Engine.EnsureQueueAsync(new QueueSettings("someone-elses-queue"), CancellationToken.None);
        await context.Engine.SendTextAsync(App1, "one");
        await context.Engine.SendTextAsync(App1, "two");
        await context.Engine.SendTextAsync(App1Dlq, "dead");
        await context.Engine.ReceiveOneAsync(App1, s_visibility);
        context.Clock.Advance(TimeSpan.FromSeconds(7));

        var queues = await context.Queues.ListAsync(CancellationToken.None);

        Assert.Equal(
            [
                "mailflow-local-inbound", "mailflow-local-inbound-dlq", "mailflow-local-outbound", "mailflow-local-outbound-dlq",
                "mailflow-local-quarantine", "mailflow-local-quarantine-dlq", App1, App1Dlq, "mailflow-local-app2", "mailflow-local-app2-dlq",
            ],
            queues.Select(q => q.Name));
        Assert.Equal(new QueueOverview(App1, "app", "app1", 1, 1, 0, 7, App1Dlq, 1), queues.Single(q => q.Name == App1));
        Assert.Equal(new QueueOverview(App1Dlq, "dead-letter", "app1", 1, 0, 0, 7, null, null), queues.Single(q => q.Name == App1Dlq));
        Assert.Equal(
            [("inbound", null), ("dead-letter", null), ("outbound", null), ("dead-letter", null), ("quarantine", null), ("dead-letter", null)],
            queues.Take(6).Select(q => (q.Kind, q.App)));
        Assert.Equal(0, queues.Single(q => q.Name == "mailflow-local-inbound").DeadLetterDepth);
        Assert.Null(queues.Single(q => q.Name == "mailflow-local-inbound").OldestAgeSeconds);
    }

    [Fact]
    public async Task Browsing_changes_neither_visibility_nor_receive_counts()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        var sent = await context.Engine.SendTextAsync(App1, "look at me");
        Assert.Equal(1, (await context.Engine.ReceiveOneAsync(App1, s_visibility)).ReceiveCount);
        context.Clock.Advance(s_visibility);

        for (var look = 0; look < 5; look++)
        {
            var browse = await context.Queues.BrowseAsync(App1, 10, CancellationToken.None);
            var message = Assert.Single(browse!.Messages);
            Assert.Equal((sent.MessageId, "look at me", 1, "queue"), (message.MessageId, message.Body, message.ReceiveCount, browse.Source));
        }

        var again = await context.Engine.ReceiveOneAsync(App1, s_visibility);
        Assert.Equal((sent.MessageId, 2), (again.MessageId, again.ReceiveCount));
        Assert.Equal(0, (await context.Engine.StatsAsync(App1Dlq)).Visible);
    }

    [Fact]
    public async Task Browsing_shows_attributes_oldest_first_and_notes_messages_in_flight()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        var attributes = new Dictionary<string, MessageAttribute> { ["error"] = MessageAttribute.OfString("timeout") };
        await context.Engine.SendAsync(App1, new SendRequest("first", attributes), CancellationToken.None);
        await context.Engine.SendTextAsync(App1, "second");
        await context.Engine.SendTextAsync(App1, "third");
        await context.Engine.ReceiveOneAsync(App1, s_visibility);

        var browse = await context.Queues.BrowseAsync(App1, 2, CancellationToken.None);

        Assert.Equal(["first", "second"], browse!.Messages.Select(m => m.Body));
        Assert.Equal("timeout", browse.Messages[0].Attributes["error"]);
        Assert.Equal(LocalOperationsContext.Start, browse.Messages[0].SentAt);
        Assert.StartsWith("1 of these messages are in flight", browse.Note, StringComparison.Ordinal);
        Assert.Null((await context.Queues.BrowseAsync("mailflow-local-app2", 10, CancellationToken.None))!.Note);
    }

    [Theory]
    [InlineData("someone-elses-queue")]
    [InlineData("mailflow-local-nope")]
    [InlineData("MAILFLOW-LOCAL-APP1")]
    public async Task Browsing_a_queue_that_is_not_Mailflows_finds_nothing(string queue)
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await context.Engine.EnsureQueueAsync(new QueueSettings("someone-elses-queue"), CancellationToken.None);

        Assert.Null(await context.Queues.BrowseAsync(queue, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Browsing_for_no_messages_is_refused()
    {
        await using var context = await LocalOperationsContext.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => context.Queues.BrowseAsync(App1, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Redrive_moves_a_poison_message_back_to_its_queue_and_reaches_COMPLETED()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        var poison = await DeadLetterAsync(context, "poison");

        var started = await context.Queues.StartRedriveAsync(App1Dlq, 10, CancellationToken.None);
        var done = await Eventually.ReachesAsync(
            () => context.Queues.GetRedriveAsync(App1Dlq, started.TaskId, CancellationToken.None), p => p!.Status != "RUNNING");

        Assert.Equal((App1Dlq, 10, 1L, LocalOperationsContext.Start.AddSeconds(150)), (started.DeadLetterQueue, started.MaxMessagesPerSecond, started.ToMove, started.StartedAt));
        Assert.Equal(("COMPLETED", 1L, (string?)null), (done!.Status, done.Moved, done.Failure));
        Assert.Empty(await context.Engine.PeekAsync(App1Dlq));
        var back = await context.Engine.ReceiveOneAsync(App1, s_visibility);
        Assert.Equal((poison, "poison", 1), (back.MessageId, back.Body, back.ReceiveCount));
    }

    [Fact]
    public async Task A_second_redrive_while_one_runs_is_refused_with_redrive_running()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await DeadLetterAsync(context, "a", "b");
        // One message per second on fake time that does not move: the task moves one message and waits.
        var running = await context.Queues.StartRedriveAsync(App1Dlq, 1, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<QueueOperationException>(() => context.Queues.StartRedriveAsync(App1Dlq, 1, CancellationToken.None));

        Assert.Equal(QueueOperationException.RedriveRunning, refused.Code);
        Assert.Contains(running.TaskId, refused.Message, StringComparison.Ordinal);
        Assert.Equal("RUNNING", (await context.Queues.GetRedriveAsync(App1Dlq, running.TaskId, CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData(App1, QueueOperationException.NotADeadLetterQueue)]
    [InlineData("mailflow-local-inbound", QueueOperationException.NotADeadLetterQueue)]
    [InlineData("mailflow-local-nope-dlq", QueueOperationException.NotFound)]
    [InlineData("foreign-dlq", QueueOperationException.NotFound)]
    public async Task Redrive_of_a_queue_that_is_not_a_Mailflow_DLQ_is_refused_with_its_code(string queue, string code)
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await context.Engine.EnsureQueueAsync(new QueueSettings("foreign-dlq"), CancellationToken.None);
        await context.Engine.EnsureQueueAsync(new QueueSettings("foreign") { DeadLetterQueue = "foreign-dlq" }, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<QueueOperationException>(() => context.Queues.StartRedriveAsync(queue, 10, CancellationToken.None));

        Assert.Equal(code, refused.Code);
        Assert.Contains(queue, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task Redrive_rates_outside_SQSs_1_to_500_are_refused(int rate)
    {
        await using var context = await LocalOperationsContext.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => context.Queues.StartRedriveAsync(App1Dlq, rate, CancellationToken.None));
    }

    [Fact]
    public async Task Progress_of_a_task_the_queue_did_not_run_is_null()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await DeadLetterAsync(context, "poison");
        var started = await context.Queues.StartRedriveAsync(App1Dlq, 10, CancellationToken.None);

        Assert.Null(await context.Queues.GetRedriveAsync(App1Dlq, "no-such-task", CancellationToken.None));
        Assert.Null(await context.Queues.GetRedriveAsync("mailflow-local-app2-dlq", started.TaskId, CancellationToken.None));
        Assert.Null(await context.Queues.GetRedriveAsync("mailflow-local-nope-dlq", started.TaskId, CancellationToken.None));
    }

    [Fact]
    public async Task Purge_deletes_every_message_and_says_how_many_and_a_second_within_a_minute_is_refused()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await context.Engine.SendTextAsync(App1, "one");
        await context.Engine.SendTextAsync(App1, "two");
        await context.Engine.ReceiveOneAsync(App1, s_visibility);

        var purged = await context.Queues.PurgeAsync(App1, CancellationToken.None);
        var again = await Assert.ThrowsAsync<QueueOperationException>(() => context.Queues.PurgeAsync(App1, CancellationToken.None));
        context.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(2, purged);
        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync(App1));
        Assert.Equal(QueueOperationException.PurgeInProgress, again.Code);
        Assert.Equal(0, await context.Queues.PurgeAsync(App1, CancellationToken.None));
    }

    [Fact]
    public async Task Purge_of_a_queue_that_is_not_Mailflows_is_refused_with_queue_not_found()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await context.Engine.EnsureQueueAsync(new QueueSettings("someone-elses-queue"), CancellationToken.None);
        await context.Engine.SendTextAsync("someone-elses-queue", "theirs");

        var refused = await Assert.ThrowsAsync<QueueOperationException>(() => context.Queues.PurgeAsync("someone-elses-queue", CancellationToken.None));

        Assert.Equal(QueueOperationException.NotFound, refused.Code);
        Assert.Equal(1, (await context.Engine.StatsAsync("someone-elses-queue")).Visible);
    }

    /// <summary>Sends the bodies to app1's queue and receives them maxReceiveCount (5) times without deleting: the next receive dead-letters them.</summary>
    private static async Task<string> DeadLetterAsync(LocalOperationsContext context, params string[] bodies)
    {
        string first = "";
        foreach (var body in bodies)
        {
            var sent = await context.Engine.SendTextAsync(App1, body);
            first = first.Length == 0 ? sent.MessageId : first;
        }
        for (var receive = 0; receive < context.Config.Queues.MaxReceiveCount; receive++)
        {
            Assert.Equal(bodies.Length, (await context.Engine.ReceiveAsync(App1, 10, s_visibility)).Count);
            context.Clock.Advance(s_visibility);
        }
        Assert.Empty(await context.Engine.ReceiveAsync(App1, 10, s_visibility));
        Assert.Equal(bodies.Length, (await context.Engine.StatsAsync(App1Dlq)).Visible);
        return first;
    }
}
