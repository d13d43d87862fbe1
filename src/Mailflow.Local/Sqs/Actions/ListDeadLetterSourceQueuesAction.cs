using System.Text.Json.Serialization;

namespace Mailflow.Local.Sqs.Actions;

/// <summary>ListDeadLetterSourceQueues: the queues whose redrive policy names this dead-letter queue.</summary>
internal static class ListDeadLetterSourceQueuesAction
{
    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        public string? NextToken { get; set; }

        public int? MaxResults { get; set; }
    }

    /// <summary>The member really is camelCase <c>queueUrls</c> in the SQS model, unlike ListQueues' QueueUrls.</summary>
    internal sealed record Response(
        [property: JsonPropertyName("queueUrls")] IReadOnlyList<string>? QueueUrls,
        string? NextToken);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.ListDeadLetterSourceQueuesRequest);
        var deadLetterQueue = await call.QueueAsync(request.QueueUrl);
        var sources = await call.Engine.ListDeadLetterSourceQueuesAsync(deadLetterQueue.Name, call.CancellationToken);
        var page = NamePage.Of(sources, request.MaxResults, request.NextToken);
        var urls = page.Names.Select(call.Addresses.UrlOf).ToList();
        return SqsReply.Of(new Response(urls.Count == 0 ? null : urls, page.NextToken), SqsJsonContext.Default.ListDeadLetterSourceQueuesResponse);
    }
}
