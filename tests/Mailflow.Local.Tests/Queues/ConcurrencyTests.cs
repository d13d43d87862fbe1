using System.Collections.Concurrent;
using System.Diagnostics;
using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using Xunit.Abstractions;

namespace Mailflow.Local.Tests.Queues;

public class ConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Eight_concurrent_receivers_get_each_of_1000_messages_exactly_once()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        var sent = (await Task.WhenAll(Enumerable.Range(0, 100).Select(batch => context.Engine.SendBatchAsync(
                "jobs", [.. Enumerable.Range(0, 10).Select(i => new SendRequest($"m{batch}-{i}"))], CancellationToken.None))))
            .SelectMany(results => results.Select(result => result.MessageId))
            .ToHashSet();
        var deliveries = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await context.Engine.ReceiveAsync("jobs", 10) is { Count: > 0 } messages)
            {
                foreach (var message in messages)
                {
                    deliveries.Add(message.MessageId);
                    await context.Engine.DeleteAsync("jobs", message.ReceiptHandle, CancellationToken.None);
                }
            }
        })));

        Assert.Equal(1_000, sent.Count);
        Assert.Equal(1_000, deliveries.Count);
        Assert.True(sent.SetEquals(deliveries));
        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
    }

    [Fact]
    public async Task Long_polling_consumers_running_beside_producers_get_every_message_once()
    {
        await using var context = QueueTestContext.OnRealTime();
        await context.QueueAsync("jobs", q => q with { VisibilityTimeout = TimeSpan.FromMinutes(5) });
        var deliveries = new ConcurrentBag<string>();
        using var done = new CancellationTokenSource();

        var consumers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var message in await context.Engine.ReceiveAsync("jobs", 10, wait: TimeSpan.FromMilliseconds(200)))
                {
                    deliveries.Add(message.Body);
                }
            }
        })).ToList();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(producer => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await context.Engine.SendTextAsync("jobs", $"p{producer}-{i}");
            }
        })));
        await Eventually.ReachesAsync(() => Task.FromResult(deliveries.Count), count => count >= 1_000);
        await done.CancelAsync();
        await Task.WhenAll(consumers);

        Assert.Equal(1_000, deliveries.Count);
        Assert.Equal(1_000, deliveries.Distinct().Count());
    }

    [Fact]
    public async Task One_hundred_concurrent_sends_all_complete_and_share_commits()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        var (commits, operations) = (context.Engine.CommitCount, context.Engine.CommittedOperationCount);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => context.Engine.SendTextAsync("jobs", $"m{i}")));

        var (commitsUsed, operationsCommitted) = (context.Engine.CommitCount - commits, context.Engine.CommittedOperationCount - operations);
        output.WriteLine($"100 sends took {commitsUsed} commits");
        Assert.Equal(100, results.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(100, operationsCommitted);
        Assert.InRange(commitsUsed, 1, 99);
        Assert.Equal(100, (await context.Engine.StatsAsync("jobs")).Visible);
    }

    /// <summary>A throughput run checked for correctness only: the rate is printed, never asserted.</summary>
    [Fact]
    public async Task Five_thousand_sends_from_50_writers_are_all_stored_and_drained_once()
    {
        await using var context = QueueTestContext.OnRealTime();
        await context.QueueAsync("jobs");
        var commits = context.Engine.CommitCount;
        var elapsed = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await context.Engine.SendTextAsync("jobs", $"w{writer}-{i}");
            }
        })));
        var sendTime = elapsed.Elapsed;
        var sendCommits = context.Engine.CommitCount - commits;
        var drained = new HashSet<string>(StringComparer.Ordinal);
        while (await context.Engine.ReceiveAsync("jobs", 10) is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                Assert.True(drained.Add(message.Body), $"{message.Body} delivered twice");
                await context.Engine.DeleteAsync("jobs", message.ReceiptHandle, CancellationToken.None);
            }
        }

        output.WriteLine($"5000 sends in {sendTime.TotalMilliseconds:0} ms ({5000 / sendTime.TotalSeconds:0}/s), {sendCommits} commits");
        Assert.Equal(5_000, drained.Count);
        Assert.Equal(new QueueStats(0, 0, 0, null), await context.Engine.StatsAsync("jobs"));
    }
}
