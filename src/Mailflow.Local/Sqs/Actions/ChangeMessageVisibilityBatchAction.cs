using Mailflow.Local.Queues;
using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs.Actions;

/// <summary>ChangeMessageVisibilityBatch: each entry changed on its own; a bad entry fails alone.</summary>
internal static class ChangeMessageVisibilityBatchAction
{
    internal sealed class VisibilityEntry
    {
        public string? Id { get; set; }

        public string? ReceiptHandle { get; set; }

        public int? VisibilityTimeout { get; set; }
    }

    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        public List<VisibilityEntry>? Entries { get; set; }
    }

    internal sealed record Response(List<BatchResultEntry>? Successful, List<BatchResultErrorEntry>? Failed);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.ChangeMessageVisibilityBatchRequest);
        var queue = await call.QueueAsync(request.QueueUrl);
        var entries = SqsBatch.CheckEntries(request.Entries, entry => entry.Id, "ChangeMessageVisibilityBatchRequestEntry");
        var successful = new List<BatchResultEntry>();
        var failed = new List<BatchResultErrorEntry>();
        foreach (var entry in entries)
        {
            try
            {
                var (receiptHandle, timeout) = ChangeMessageVisibilityAction.Check(entry.ReceiptHandle, entry.VisibilityTimeout);
                await call.Engine.ChangeVisibilityAsync(queue.Name, receiptHandle, timeout, call.CancellationToken);
                successful.Add(new BatchResultEntry(entry.Id!));
            }
            catch (SqsError error)
            {
                failed.Add(BatchResultErrorEntry.From(entry.Id!, error));
            }
            catch (QueueEngineException refused)
            {
                failed.Add(BatchResultErrorEntry.From(entry.Id!, SqsError.From(refused)));
            }
        }
        return SqsReply.Of(
            new Response(successful.Count == 0 ? null : successful, failed.Count == 0 ? null : failed),
            SqsJsonContext.Default.ChangeMessageVisibilityBatchResponse);
    }
}
