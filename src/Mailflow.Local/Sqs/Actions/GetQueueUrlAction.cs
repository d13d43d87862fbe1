namespace Mailflow.Local.Sqs.Actions;

/// <summary>GetQueueUrl: the URL of a queue by name.</summary>
internal static class GetQueueUrlAction
{
    internal sealed class Request
    {
        public string? QueueName { get; set; }

        /// <summary>Ignored: every local queue belongs to account 000000000000.</summary>
        public string? QueueOwnerAWSAccountId { get; set; }
    }

    internal sealed record Response(string QueueUrl);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.GetQueueUrlRequest);
        if (string.IsNullOrEmpty(request.QueueName))
        {
            throw SqsError.MissingParameter("QueueName");
        }
        var queue = await call.Engine.GetQueueAsync(request.QueueName, call.CancellationToken)
            ?? throw SqsError.QueueDoesNotExist(request.QueueName);
        return SqsReply.Of(new Response(call.Addresses.UrlOf(queue.Name)), SqsJsonContext.Default.GetQueueUrlResponse);
    }
}
