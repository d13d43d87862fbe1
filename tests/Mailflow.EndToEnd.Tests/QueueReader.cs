using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Mailflow.EndToEnd.Tests;

/// <summary>Receives envelopes the way an app does, with AWSSDK.SQS.</summary>
public static class QueueReader
{
    public static async Task<(Message Message, JsonElement Envelope)> ReceiveOneAsync(AmazonSQSClient client, string queueUrl, TimeSpan timeout)
    {
        var all = await ReceiveAsync(client, queueUrl, 1, timeout);
        return Assert.Single(all);
    }

    /// <summary>Receives and deletes until <paramref name="count"/> messages arrived or the time is up.</summary>
    public static async Task<IReadOnlyList<(Message Message, JsonElement Envelope)>> ReceiveAsync(AmazonSQSClient client, string queueUrl, int count, TimeSpan timeout)
    {
        var received = new List<(Message, JsonElement)>();
        using var deadline = new CancellationTokenSource(timeout);
        while (received.Count < count && !deadline.IsCancellationRequested)
        {
            var response = await client.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Min(10, count - received.Count),
                WaitTimeSeconds = 2,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["All"],
            });
            foreach (var message in response.Messages ?? [])
            {
                received.Add((message, JsonDocument.Parse(message.Body).RootElement.Clone()));
                await client.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
        return received;
    }
}
