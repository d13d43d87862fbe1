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
        var (successful, failed) = await SqsBatch.RunEachAsync(entries, entry => entry.Id!, entry =>
            string.IsNullOrEmpty(entry.ReceiptHandle)
                ? throw SqsError.MissingParameter("ReceiptHandle")
                : call.Engine.DeleteAsync(queue.Name, entry.ReceiptHandle, call.CancellationToken));
        return SqsReply.Of(new Response(successful, failed), SqsJsonContext.Default.DeleteMessageBatchResponse);
    }
}
