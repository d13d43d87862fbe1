using Amazon.SQS;
using Amazon.SQS.Model;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>An SQS implementation the scenario suite runs against, with the queues it needs and its known quirks.</summary>
public abstract class SqsScenarioTarget : IAsyncLifetime
{
    public abstract AmazonSQSClient Client { get; }

    public abstract SqsQuirks Quirks { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Creates a standard queue and returns its URL; with a dead-letter queue (by name), redrive after maxReceiveCount receives.</summary>
    public abstract Task<string> CreateQueueAsync(string name, TimeSpan visibilityTimeout, string? deadLetterQueue = null, int maxReceiveCount = 0);

    public async Task<string> ArnOfAsync(string queueName)
    {
        var url = (await Client.GetQueueUrlAsync(queueName)).QueueUrl;
        var attributes = await Client.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] });
        return attributes.Attributes["QueueArn"];
    }
}
