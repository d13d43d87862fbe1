using Mailflow.Local.Queues;
using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs.Actions;

/// <summary>DeleteMessageBatch: each entry deleted on its own; an invalid receipt handle fails that entry only.</summary>
internal static class DeleteMessageBatchAction
{
    internal sealed class DeleteEntry
    {
        public string? Id { get; set; }

        public string? ReceiptHandle { get; set; }
    }

    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        public List<DeleteEntry>? Entries { get; set; }
    }

    internal sealed record Response(List<BatchResultEntry>? Successful, List<BatchResultErrorEntry>? Failed);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.DeleteMessageBatchRequest);
        var queue = await call.QueueAsync(request.QueueUrl);
        var entries = SqsBatch.CheckEntries(request.Entries, entry => entry.Id, "DeleteMessageBatchRequestEntry");
        var successful = new List<BatchResultEntry>();
        var failed = new List<BatchResultErrorEntry>();
        foreach (var entry in entries)
        {
            try
            {
                if (string.IsNullOrEmpty(entry.ReceiptHandle))
                {
                    throw SqsError.MissingParameter("ReceiptHandle");
                }
                await call.Engine.DeleteAsync(queue.Name, entry.ReceiptHandle, call.CancellationToken);
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
            SqsJsonContext.Default.DeleteMessageBatchResponse);
    }
}
