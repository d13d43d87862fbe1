using Mailflow.Local.Queues.Sqlite;

namespace Mailflow.Local.Queues;

/// <summary>
/// SendMessageBatch's limits: 1-10 entries, each a valid message, and all of them together within the queue's maximum
/// message size (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html).
/// Unlike SQS, which reports failed entries one by one, an invalid entry fails the whole batch here: nothing is sent.
/// </summary>
internal static class BatchRules
{
    public static IReadOnlyList<PreparedMessage> Prepare(IReadOnlyList<SendRequest> requests, QueueSettings settings, int maxEntries)
    {
        if (requests.Count == 0)
        {
            throw new QueueEngineException(QueueEngineException.EmptyBatchRequest, "The batch has no messages; send at least one.");
        }

        if (requests.Count > maxEntries)
        {
            throw new QueueEngineException(
                QueueEngineException.TooManyEntriesInBatchRequest,
                $"The batch has {requests.Count} messages; SQS takes at most {maxEntries} per batch. Split it.");
        }

        var messages = requests.Select(request => PreparedMessage.From(request, settings)).ToList();
        var total = messages.Sum(message => message.Size);
        if (total > settings.MaximumMessageSize)
        {
            throw new QueueEngineException(
                QueueEngineException.BatchRequestTooLong,
                $"The batch's messages total {total} bytes; '{settings.Name}' takes at most {settings.MaximumMessageSize} per batch. Split it.");
        }

        return messages;
    }
}
