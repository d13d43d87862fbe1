using Mailflow.Local.Queues;
using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs.Actions;

/// <summary>
/// SendMessageBatch: the entries go to the engine in one durable commit. When the engine refuses a message (a bad
/// character, too large, …) the entries are sent one at a time instead, so that only the bad ones fail (Failed, with
/// SQS's code) and the others are sent, as SQS does.
/// </summary>
internal static class SendMessageBatchAction
{
    internal sealed class SendEntry
    {
        public string? Id { get; set; }

        public string? MessageBody { get; set; }

        public int? DelaySeconds { get; set; }

        public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
    }

    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        public List<SendEntry>? Entries { get; set; }
    }

    internal sealed record SendResultEntry(string Id, string MessageId, string MD5OfMessageBody, string? MD5OfMessageAttributes);

    internal sealed record Response(List<SendResultEntry>? Successful, List<BatchResultErrorEntry>? Failed);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.SendMessageBatchRequest);
        var queue = (await call.QueueAsync(request.QueueUrl)).Name;
        var entries = SqsBatch.CheckEntries(request.Entries, entry => entry.Id, "SendMessageBatchRequestEntry");
        var accepted = new List<(string Id, SendRequest Message)>();
        var failed = new List<BatchResultErrorEntry>();
        foreach (var entry in entries)
        {
            try
            {
                accepted.Add((entry.Id!, SendRequests.From(entry.MessageBody, entry.MessageAttributes, entry.DelaySeconds)));
            }
            catch (SqsError error)
            {
                failed.Add(BatchResultErrorEntry.From(entry.Id!, error));
            }
        }
        var successful = await SendAsync(call, queue, accepted, failed);
        return SqsReply.Of(
            new Response(successful.Count == 0 ? null : successful, failed.Count == 0 ? null : failed),
            SqsJsonContext.Default.SendMessageBatchResponse);
    }

    private static async Task<List<SendResultEntry>> SendAsync(SqsCall call, string queue, List<(string Id, SendRequest Message)> accepted, List<BatchResultErrorEntry> failed)
    {
        if (accepted.Count == 0)
        {
            return [];
        }
        try
        {
            var results = await call.Engine.SendBatchAsync(queue, accepted.ConvertAll(entry => entry.Message), call.CancellationToken);
            return accepted.Zip(results, (entry, sent) => ToResult(entry.Id, sent)).ToList();
        }
        catch (QueueEngineException refused) when (IsAboutOneMessage(refused))
        {
            var successful = new List<SendResultEntry>();
            foreach (var (id, message) in accepted)
            {
                try
                {
                    successful.Add(ToResult(id, await call.Engine.SendAsync(queue, message, call.CancellationToken)));
                }
                catch (QueueEngineException refusedEntry) when (IsAboutOneMessage(refusedEntry))
                {
                    failed.Add(BatchResultErrorEntry.From(id, SqsError.From(refusedEntry)));
                }
            }
            return successful;
        }
    }

    /// <summary>A message's own fault, not the queue's or the whole batch's (QueueDoesNotExist, BatchRequestTooLong, …).</summary>
    private static bool IsAboutOneMessage(QueueEngineException refused) =>
        refused.ErrorCode is QueueEngineException.InvalidParameterValue or QueueEngineException.InvalidMessageContents;

    private static SendResultEntry ToResult(string id, SendResult sent) => new(id, sent.MessageId, sent.Md5OfBody, sent.Md5OfMessageAttributes);
}
