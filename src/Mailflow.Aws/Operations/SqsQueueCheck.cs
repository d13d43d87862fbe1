using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// One Mailflow queue exists and the function may read it: GetQueueUrl, then GetQueueAttributes for QueueArn, the
/// cheapest call that needs the queue itself (sqs:GetQueueAttributes, which the API holds for depths anyway).
/// </summary>
public sealed class SqsQueueCheck(IAmazonSQS sqs, string queue) : IDependencyCheck
{
    public string Name => "queue:" + queue;

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = queue }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false);
    }
}
