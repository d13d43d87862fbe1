using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Local.Tests.Queues;

/// <summary>State that must survive a restart: close the engine, open a new one on the same file.</summary>
public class DurabilityTests
{
    [Fact]
    public async Task Queues_messages_attributes_and_in_flight_state_survive_a_restart()
    {
        await using var context = QueueTestContext.OnFakeTime();
        var settings = await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromMinutes(1), MessageRetention = TimeSpan.FromDays(2) });
        var attributes = new Dictionary<string, MessageAttribute> { ["bin"] = new("Binary", null, [1, 2, 3]) };
        var inFlight = await context.Engine.SendAsync("jobs", new SendRequest("in flight", attributes), CancellationToken.None);
        await context.Engine.SendTextAsync("jobs", "visible");
        await context.Engine.SendTextAsync("jobs", "delayed", TimeSpan.FromMinutes(5));
        var received = await context.Engine.ReceiveOneAsync("jobs");
        Assert.Equal(inFlight.MessageId, received.MessageId);
        var before = await context.Engine.StatsAsync("jobs");

        await context.ReopenAsync();

        Assert.Equal(settings, await context.Engine.GetQueueAsync("jobs", CancellationToken.None));
        Assert.Equal(before, await context.Engine.StatsAsync("jobs"));
        Assert.Equal(new QueueStats(1, 1, 1, TimeSpan.Zero), before);
        Assert.Equal("visible", (await context.Engine.ReceiveOneAsync("jobs")).Body);
        context.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await context.Engine.ReceiveOneAsync("jobs");
        Assert.Equal((inFlight.MessageId, 2), (again.MessageId, again.ReceiveCount));
        Assert.Equal([1, 2, 3], again.Attributes["bin"].BinaryValue);
        Assert.Equal(inFlight.Md5OfMessageAttributes, again.Md5OfMessageAttributes);
    }

    [Fact]
    public async Task A_receipt_handle_issued_before_a_restart_still_deletes_after_it()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");

        await context.ReopenAsync();
        await context.Engine.DeleteAsync("jobs", received.ReceiptHandle, CancellationToken.None);

        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
    }

    [Fact]
    public async Task Dead_letters_keep_their_source_across_a_restart_and_can_be_moved_back()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("dlq");
        await context.QueueAsync("jobs", q => q with { DeadLetterQueue = "dlq", MaxReceiveCount = 1, VisibilityTimeout = TimeSpan.FromSeconds(1) });
        await context.Engine.SendTextAsync("jobs", "poison");
        await context.Engine.ReceiveOneAsync("jobs");
        context.Clock.Advance(TimeSpan.FromSeconds(1));
        await context.Engine.ReceiveAsync("jobs");

        await context.ReopenAsync();

        Assert.Equal("jobs", Assert.Single(await context.Engine.PeekAsync("dlq")).DeadLetterSourceQueue);
        Assert.Equal(["jobs"], await context.Engine.ListDeadLetterSourceQueuesAsync("dlq", CancellationToken.None));
        await context.Engine.StartMoveTaskAsync("dlq", null, null, CancellationToken.None);
        await Eventually.ReachesAsync(() => context.Engine.StatsAsync("jobs"), stats => stats.Visible == 1);
    }

    [Fact]
    public async Task A_running_move_task_resumes_after_a_restart_and_completes()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("dlq");
        await context.QueueAsync("jobs", q => q with { DeadLetterQueue = "dlq" });
        await context.Engine.SendBatchAsync("dlq", [.. Enumerable.Range(0, 3).Select(i => new SendRequest($"m{i}"))], CancellationToken.None);
        var handle = await context.Engine.StartMoveTaskAsync("dlq", "jobs", 1, CancellationToken.None);
        await Eventually.ReachesAsync(() => context.Engine.StatsAsync("jobs"), stats => stats.Visible == 1);

        await context.ReopenAsync();
        // The same task, with what it had moved before the restart: the reopened engine resumes it at once, so by the time
        // it is listed it may already have moved the next message (seen in CI), but never counts from zero again.
        var resumed = Assert.Single(await context.Engine.ListMoveTasksAsync("dlq", CancellationToken.None));
        Assert.Equal((handle, 3L), (resumed.TaskHandle, resumed.MessagesToMove));
        Assert.InRange(resumed.MessagesMoved, 1, 3);

        var done = await Eventually.ReachesAsync(
            async () => (await context.Engine.ListMoveTasksAsync("dlq", CancellationToken.None))[0],
            task => task.Status == "COMPLETED",
            () => context.Clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal(3, done.MessagesMoved);
        Assert.Equal(3, (await context.Engine.StatsAsync("jobs")).Visible);
    }

    [Fact]
    public async Task A_returned_send_is_in_the_files_without_a_clean_shutdown()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        var sent = await context.Engine.SendTextAsync("jobs", "committed");

        // Copy the database and its WAL while the engine still runs, as a crash would leave them (nothing checkpointed).
        var crashed = Path.Combine(Path.GetDirectoryName(context.DatabasePath)!, "crashed");
        Directory.CreateDirectory(crashed);
        foreach (var suffix in new[] { "", "-wal" })
        {
            File.Copy(context.DatabasePath + suffix, Path.Combine(crashed, "mailflow.db" + suffix));
        }

        await using var recovered = new SqliteQueueEngine(Path.Combine(crashed, "mailflow.db"), new FakeTimeProvider(QueueTestContext.Start));
        var message = Assert.Single(await recovered.ReceiveAsync("jobs", new ReceiveRequest(), CancellationToken.None));
        Assert.Equal((sent.MessageId, "committed"), (message.MessageId, message.Body));
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode()
    {
        await using var context = QueueTestContext.OnFakeTime();

        using var connection = new SqliteConnection($"Data Source={context.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }
}
