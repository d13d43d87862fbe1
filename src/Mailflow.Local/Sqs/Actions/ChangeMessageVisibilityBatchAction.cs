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
        var (successful, failed) = await SqsBatch.RunEachAsync(entries, entry => entry.Id!, entry =>
        {
            var (receiptHandle, timeout) = ChangeMessageVisibilityAction.Check(entry.ReceiptHandle, entry.VisibilityTimeout);
            return call.Engine.ChangeVisibilityAsync(queue.Name, receiptHandle, timeout, call.CancellationToken);
        });
        return SqsReply.Of(new Response(successful, failed), SqsJsonContext.Default.ChangeMessageVisibilityBatchResponse);
    }
}
