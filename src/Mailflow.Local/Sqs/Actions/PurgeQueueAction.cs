namespace Mailflow.Local.Sqs.Actions;

/// <summary>PurgeQueue: deletes every message in the queue.</summary>
internal static class PurgeQueueAction
{
    internal sealed class Request
    {
        public string? QueueUrl { get; set; }
    }

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.PurgeQueueRequest);
        await call.Engine.PurgeAsync(SqsQueueAddresses.NameFromUrl(request.QueueUrl), call.CancellationToken);
        return SqsReply.Empty;
    }
}
