using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Core.Configuration;

namespace Mailflow.Testing.Emulators;

/// <summary>
/// The resources the CDK stack creates for a configuration, made on the emulators for the bundle tests (worker and API):
/// every queue of the configuration with its own <c>-dlq</c> as RedrivePolicy target.
/// </summary>
public static class MailflowResources
{
    /// <summary>Every queue of <paramref name="config"/>, each primary with a RedrivePolicy to its own DLQ as the CDK stack sets it.</summary>
    public static async Task CreateQueuesAsync(IAmazonSQS sqs, MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(config);
        var primaries = QueueNames.All(config).Where(queue => !queue.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal));
        await Task.WhenAll(primaries.Select(async queue =>
        {
            var deadLetterUrl = await CreateDeadLetterQueueAsync(sqs, queue);
            var deadLetterArn = (await sqs.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).QueueARN;
            await sqs.CreateQueueAsync(new CreateQueueRequest
            {
                QueueName = queue,
                Attributes = new()
                {
                    ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetterArn}}","maxReceiveCount":"{{config.Queues.MaxReceiveCount}}"}""",
                },
            });
        }));
    }

    /// <summary>Creates the queue's dead-letter queue (again, after a test deleted it) and returns its URL.</summary>
    public static async Task<string> CreateDeadLetterQueueAsync(IAmazonSQS sqs, string queue)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        return (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = QueueNames.DeadLetterOf(queue) })).QueueUrl;
    }
}
