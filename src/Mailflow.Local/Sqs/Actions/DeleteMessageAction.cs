namespace Mailflow.Local.Sqs.Actions;

/// <summary>DeleteMessage: deletes a received message by its receipt handle.</summary>
internal static class DeleteMessageAction
{
    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        public string? ReceiptHandle { get; set; }
    }

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.DeleteMessageRequest);
        var queue = SqsQueueAddresses.NameFromUrl(request.QueueUrl);
        if (string.IsNullOrEmpty(request.ReceiptHandle))
        {
            throw SqsError.MissingParameter("ReceiptHandle");
        }
        await call.Engine.DeleteAsync(queue, request.ReceiptHandle, call.CancellationToken);
        return SqsReply.Empty;
    }
}
