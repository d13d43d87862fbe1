namespace Mailflow.Local.Sqs.Actions;

/// <summary>GetQueueAttributes: the named attributes (or All); no names, no attributes.</summary>
internal static class GetQueueAttributesAction
{
    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        public List<string>? AttributeNames { get; set; }
    }

    internal sealed record Response(Dictionary<string, string>? Attributes);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.GetQueueAttributesRequest);
        var queue = await call.QueueAsync(request.QueueUrl);
        var attributes = await QueueAttributeReader.ReadAsync(call, queue, request.AttributeNames);
        return SqsReply.Of(new Response(attributes), SqsJsonContext.Default.GetQueueAttributesResponse);
    }
}
