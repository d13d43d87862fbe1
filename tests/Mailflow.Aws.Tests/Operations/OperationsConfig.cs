using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Core.Configuration;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>A configuration of its own per test (a fresh environment name, so queue names never meet), and its queues on an emulator.</summary>
internal static class OperationsConfig
{
    public static MailflowConfig Fresh() => DefaultConfig.Instance with { Environment = "op" + Guid.NewGuid().ToString("N")[..10] };

    /// <summary>Creates every queue of the configuration on fauxqs, each primary queue redriving to its DLQ after 3 receives.</summary>
    public static async Task CreateQueuesAsync(IAmazonSQS sqs, MailflowConfig config, params string[] except)
    {
        foreach (var name in QueueNames.All(config).Where(n => n.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal) && !except.Contains(n)))
        {
            await sqs.CreateQueueAsync(name);
        }
        foreach (var name in QueueNames.All(config).Where(n => !n.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal) && !except.Contains(n)))
        {
            var dlqUrl = (await sqs.GetQueueUrlAsync(QueueNames.DeadLetterOf(name))).QueueUrl;
            var dlqArn = (await sqs.GetQueueAttributesAsync(dlqUrl, ["QueueArn"])).Attributes["QueueArn"];
            await sqs.CreateQueueAsync(new CreateQueueRequest
            {
                QueueName = name,
                Attributes = new Dictionary<string, string>
                {
                    ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"3"}""",
                },
            });
        }
    }
}
