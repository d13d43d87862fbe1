using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Mailflow.Aws.Tests.Queues;

/// <summary>Receives and deletes what is on a queue, as an app would.</summary>
internal static class SqsDrain
{
    /// <summary>Receives until <paramref name="expected"/> messages arrived (or 15 s passed), then once more to catch extras.</summary>
    public static async Task<List<Message>> AllAsync(IAmazonSQS sqs, string queueUrl, int expected)
    {
        var received = new List<Message>();
        var clock = Stopwatch.StartNew();
        while (received.Count < expected && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            received.AddRange(await ReceiveAsync(sqs, queueUrl));
        }
        received.AddRange(await ReceiveAsync(sqs, queueUrl));
        return received;
    }

    private static async Task<List<Message>> ReceiveAsync(IAmazonSQS sqs, string queueUrl)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 1,
            VisibilityTimeout = 300,
            MessageAttributeNames = ["All"],
        });
        foreach (var message in response.Messages ?? [])
        {
            await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
        }
        return response.Messages ?? [];
    }
}
