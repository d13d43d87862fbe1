using System.Diagnostics;
using Amazon.SQS.Model;
using Mailflow.Aws.Operations;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>
/// Redrive (SQS message move tasks) and purge-in-progress, against Mailflow's SQS endpoint because fauxqs 2.4.1 answers
/// StartMessageMoveTask with InvalidAction and purges without SQS's one-minute rule (<see cref="MailflowSqsEndpoint"/>).
/// </summary>
public sealed class SqsQueueAdministrationRedriveTests(MailflowSqsEndpoint endpoint) : IClassFixture<MailflowSqsEndpoint>
{
    private async Task<(SqsQueueAdministration Admin, QueueNames Names)> DeployAsync()
    {
        var config = OperationsConfig.Fresh();
        await endpoint.CreateQueuesAsync(config, maxReceiveCount: 1);
        return (new SqsQueueAdministration(endpoint.Client, config, new InMemoryLedgerReader(), TimeProvider.System), new QueueNames(config.Environment));
    }

    /// <summary>Receives each message twice with a zero visibility timeout: the second receive dead-letters it (maxReceiveCount 1).</summary>
    private async Task DeadLetterAsync(string queue, params string[] bodies)
    {
        var url = (await endpoint.Client.GetQueueUrlAsync(queue)).QueueUrl;
        foreach (var body in bodies)
        {
            await endpoint.Client.SendMessageAsync(url, body);
        }
        for (var i = 0; i < 2; i++)
        {
            await endpoint.Client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, VisibilityTimeout = 0 });
        }
    }

    private static async Task<RedriveProgress> FinishedAsync(SqsQueueAdministration admin, string deadLetterQueue, string taskId)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var progress = await admin.GetRedriveAsync(deadLetterQueue, taskId, CancellationToken.None);
            Assert.NotNull(progress);
            if (progress.Status != "RUNNING" || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return progress;
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_redrive_moves_the_dead_letters_back_to_their_source_queue_and_reports_its_progress()
    {
        var (admin, names) = await DeployAsync();
        var source = names.ForApp("app1");
        var deadLetterQueue = QueueNames.DeadLetterOf(source);
        await DeadLetterAsync(source, "poison");
        var before = (await admin.ListAsync(CancellationToken.None)).Single(q => q.Name == source);

        var started = await admin.StartRedriveAsync(deadLetterQueue, 50, CancellationToken.None);
        var finished = await FinishedAsync(admin, deadLetterQueue, started.TaskId);
        var url = (await endpoint.Client.GetQueueUrlAsync(source)).QueueUrl;
        var back = await endpoint.Client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, VisibilityTimeout = 0 });

        Assert.Equal((0L, (long?)1), (before.Visible, before.DeadLetterDepth));
        Assert.Equal((deadLetterQueue, 50), (started.DeadLetterQueue, started.MaxMessagesPerSecond));
        Assert.Equal(("COMPLETED", 1L, (long?)1, started.TaskId, started.StartedAt), (finished.Status, finished.Moved, finished.ToMove, finished.TaskId, finished.StartedAt));
        Assert.Null(finished.Failure);
        Assert.Equal("poison", Assert.Single(back.Messages).Body);
    }

    [Fact]
    public async Task A_dead_letter_Mailflow_sent_to_the_DLQ_itself_is_redriven_to_the_DLQs_source_queue()
    {
        var (admin, names) = await DeployAsync();
        var source = names.Outbound;
        var deadLetterQueue = QueueNames.DeadLetterOf(source);
        // As the worker dead-letters a permanent failure: sent straight to the DLQ, so SQS knows no source queue for it.
        var dlqUrl = (await endpoint.Client.GetQueueUrlAsync(deadLetterQueue)).QueueUrl;
        await endpoint.Client.SendMessageAsync(dlqUrl, "sent-by-mailflow");

        var started = await admin.StartRedriveAsync(deadLetterQueue, 50, CancellationToken.None);
        var finished = await FinishedAsync(admin, deadLetterQueue, started.TaskId);
        var url = (await endpoint.Client.GetQueueUrlAsync(source)).QueueUrl;
        var back = await endpoint.Client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, VisibilityTimeout = 0 });

        Assert.Equal(("COMPLETED", 1L), (finished.Status, finished.Moved));
        Assert.Null(finished.Failure);
        Assert.Equal("sent-by-mailflow", Assert.Single(back.Messages).Body);
    }

    [Fact]
    public async Task A_second_redrive_while_the_first_runs_is_redrive_running()
    {
        var (admin, names) = await DeployAsync();
        var deadLetterQueue = QueueNames.DeadLetterOf(names.Inbound);
        await DeadLetterAsync(names.Inbound, "a", "b", "c", "d", "e");

        var first = await admin.StartRedriveAsync(deadLetterQueue, 1, CancellationToken.None);
        var second = await Assert.ThrowsAsync<QueueOperationException>(() => admin.StartRedriveAsync(deadLetterQueue, 1, CancellationToken.None));

        Assert.Equal("RUNNING", first.Status);
        Assert.Equal(QueueOperationException.RedriveRunning, second.Code);
        Assert.Contains(first.TaskId, second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_progress_of_a_task_that_does_not_exist_is_null()
    {
        var (admin, names) = await DeployAsync();

        Assert.Null(await admin.GetRedriveAsync(QueueNames.DeadLetterOf(names.Outbound), "1234", CancellationToken.None));
        Assert.Null(await admin.GetRedriveAsync(names.Outbound, "1234", CancellationToken.None));
    }

    [Fact]
    public async Task Purging_a_queue_again_within_a_minute_is_purge_in_progress()
    {
        var (admin, names) = await DeployAsync();

        var first = await admin.PurgeAsync(names.Quarantine, CancellationToken.None);
        var again = await Assert.ThrowsAsync<QueueOperationException>(() => admin.PurgeAsync(names.Quarantine, CancellationToken.None));

        Assert.Null(first);
        Assert.Equal(QueueOperationException.PurgeInProgress, again.Code);
    }
}
