using Mailflow.Local.Queues;
using Microsoft.Data.Sqlite;
using Mailflow.Local.Tests.Queues.Support;
using static Mailflow.Local.Tests.Queues.Support.QueueEngineTestExtensions;

namespace Mailflow.Local.Tests.Queues;

public class RetentionAndPurgeTests
{
    [Fact]
    public async Task Messages_older_than_the_retention_period_are_never_received_peeked_or_counted()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { MessageRetention = TimeSpan.FromMinutes(5) });
        await context.Engine.SendTextAsync("jobs", "old");
        context.Clock.Advance(TimeSpan.FromMinutes(1));
        await context.Engine.SendTextAsync("jobs", "young");

        context.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(["young"], (await context.Engine.PeekAsync("jobs")).Select(m => m.Body));
        Assert.Equal(new QueueStats(1, 0, 0, TimeSpan.FromMinutes(4)), await context.Engine.StatsAsync("jobs"));
        Assert.Equal("young", (await context.Engine.ReceiveOneAsync("jobs")).Body);
        Assert.Empty(await context.Engine.ReceiveAsync("jobs"));
    }

    [Fact]
    public async Task Retention_drops_in_flight_messages_too()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { MessageRetention = TimeSpan.FromMinutes(1), VisibilityTimeout = TimeSpan.FromHours(1) });
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");

        context.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
        await RefusedAsync(
            () => context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.Zero, CancellationToken.None),
            QueueEngineException.ReceiptHandleIsInvalid);
    }

    [Fact]
    public async Task The_periodic_sweep_deletes_expired_rows_of_idle_queues_from_the_file()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("idle", q => q with { MessageRetention = TimeSpan.FromMinutes(1) });
        await context.QueueAsync("kept", q => q with { MessageRetention = TimeSpan.FromDays(1) });
        await context.Engine.SendTextAsync("idle", "a");
        await context.Engine.SendTextAsync("idle", "b");
        await context.Engine.SendTextAsync("kept", "c");
        Assert.Equal(3, CountRows(context));

        context.Clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.ReachesAsync(() => Task.FromResult(CountRows(context)), rows => rows == 1);
        Assert.Equal(0, await context.Engine.SweepExpiredAsync());
        Assert.Equal(1, (await context.Engine.StatsAsync("kept")).Visible);
    }

    private static long CountRows(QueueTestContext context)
    {
        using var connection = new SqliteConnection($"Data Source={context.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM messages";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Purge_deletes_visible_in_flight_and_delayed_messages_and_returns_the_count()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.QueueAsync("other");
        await context.Engine.SendTextAsync("jobs", "visible");
        await context.Engine.SendTextAsync("jobs", "in flight");
        await context.Engine.SendTextAsync("jobs", "delayed", TimeSpan.FromSeconds(60));
        await context.Engine.SendTextAsync("other", "untouched");
        await context.Engine.ReceiveOneAsync("jobs");

        Assert.Equal(3, await context.Engine.PurgeAsync("jobs", CancellationToken.None));

        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
        Assert.Equal(1, (await context.Engine.StatsAsync("other")).Visible);
    }

    [Fact]
    public async Task A_second_purge_within_60_seconds_is_PurgeQueueInProgress()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.PurgeAsync("jobs", CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromSeconds(59));

        await RefusedAsync(() => context.Engine.PurgeAsync("jobs", CancellationToken.None), QueueEngineException.PurgeQueueInProgress);
        context.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await context.Engine.PurgeAsync("jobs", CancellationToken.None));
    }
}
