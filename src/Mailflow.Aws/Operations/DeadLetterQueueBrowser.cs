using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// Reads a dead-letter queue with ReceiveMessage and <c>VisibilityTimeout=0</c>: the messages stay visible, so nothing is
/// hidden from a redrive or from the next look. It does increment each message's ApproximateReceiveCount, which on a
/// queue with a redrive policy would push messages towards its DLQ; Mailflow's DLQs have no redrive policy of their own,
/// so nothing moves (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
/// </summary>
internal sealed class DeadLetterQueueBrowser(IAmazonSQS sqs)
{
    public const string Source = "queue";

    /// <summary>ReceiveMessage returns at most 10 messages.</summary>
    private const int MaxPerReceive = 10;

    public const string Note =
        "Read from the dead-letter queue with a zero visibility timeout: nothing was hidden or moved, but each message's " +
        "receive count went up by one (SQS counts every receive; this DLQ has no redrive policy, so the count moves nothing).";

    public async Task<QueueBrowse> BrowseAsync(string queue, string url, int max, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, BrowsedMessage>(StringComparer.Ordinal);
        // Every receive counts, so receiving stops as soon as a round brings fewer messages than asked or nothing new
        // (visible messages come back on the next receive). The first round long-polls (1 s): a short poll samples only
        // some SQS servers and can miss the messages of a small queue (API_ReceiveMessage, WaitTimeSeconds).
        var rounds = (max + MaxPerReceive - 1) / MaxPerReceive + 1;
        for (var round = 0; round < rounds && seen.Count < max; round++)
        {
            var asked = Math.Min(MaxPerReceive, max - seen.Count);
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = asked,
                VisibilityTimeout = 0,
                WaitTimeSeconds = round == 0 ? 1 : 0,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["ApproximateReceiveCount", "SentTimestamp"],
            }, cancellationToken).ConfigureAwait(false);
            var messages = response.Messages ?? [];
            var added = 0;
            foreach (var message in messages)
            {
                added += seen.ContainsKey(message.MessageId) ? 0 : 1;
                // The latest copy carries the receive count as it now stands.
                seen[message.MessageId] = ToBrowsed(message);
            }
            if (added == 0 || messages.Count < asked)
            {
                break;
            }
        }
        var oldestFirst = seen.Values.OrderBy(message => message.SentAt).Take(max).ToList();
        return new QueueBrowse(queue, Source, oldestFirst, Note);
    }

    private static BrowsedMessage ToBrowsed(Message message)
    {
        var system = message.Attributes ?? [];
        var attributes = (message.MessageAttributes ?? []).ToDictionary(
            pair => pair.Key,
            pair => pair.Value.StringValue ?? (pair.Value.BinaryValue is { } binary ? Convert.ToBase64String(binary.ToArray()) : null),
            StringComparer.Ordinal);
        var receiveCount = system.TryGetValue("ApproximateReceiveCount", out var count) && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : 0;
        var sentAt = system.TryGetValue("SentTimestamp", out var sent) && long.TryParse(sent, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : DateTimeOffset.UnixEpoch;
        return new BrowsedMessage(message.MessageId, message.Body, attributes, receiveCount, sentAt);
    }
}
