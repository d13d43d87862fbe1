using Mailflow.Local.Queues;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>Mailflow's SQS endpoint driven by npm @aws-sdk/client-sqs under Node 22 (js/client-sqs-check.mjs).</summary>
public sealed class SqsNodeClientTests(MailflowTarget target) : IClassFixture<MailflowTarget>
{
    [Fact]
    public async Task The_JavaScript_SDK_sends_receives_batches_and_gets_typed_errors()
    {
        var deadLetter = $"node-dlq-{Guid.NewGuid():N}";
        var queue = $"node-{Guid.NewGuid():N}";
        await target.CreateQueueAsync(deadLetter, TimeSpan.FromSeconds(30));
        await target.Engine.EnsureQueueAsync(new QueueSettings(queue) { DeadLetterQueue = deadLetter, MaxReceiveCount = 3 }, CancellationToken.None);

        var (exitCode, stdout, stderr) = await NodeProcess.RunAsync("client-sqs-check.mjs", TimeSpan.FromSeconds(60), target.Server.Url.ToString(), queue, deadLetter);

        Assert.True(exitCode == 0, $"client-sqs-check.mjs exited {exitCode}\n{stdout}\n{stderr}");
        Assert.Equal(12, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Contains("\"ok\":true", StringComparison.Ordinal)));
    }
}
