namespace Mailflow.Local.Sqs.Actions;

/// <summary>ListQueues: the URLs of the queues whose names start with QueueNamePrefix, paged.</summary>
internal static class ListQueuesAction
{
    internal sealed class Request
    {
        public string? QueueNamePrefix { get; set; }

        public string? NextToken { get; set; }

        public int? MaxResults { get; set; }
    }

    internal sealed record Response(IReadOnlyList<string>? QueueUrls, string? NextToken);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.ListQueuesRequest);
        var queues = await call.Engine.ListQueuesAsync(call.CancellationToken);
        var names = queues.Select(queue => queue.Name)
            .Where(name => name.StartsWith(request.QueueNamePrefix ?? "", StringComparison.Ordinal));
        var page = NamePage.Of(names, request.MaxResults, request.NextToken);
        var urls = page.Names.Select(call.Addresses.UrlOf).ToList();
        return SqsReply.Of(new Response(urls.Count == 0 ? null : urls, page.NextToken), SqsJsonContext.Default.ListQueuesResponse);
    }
}
