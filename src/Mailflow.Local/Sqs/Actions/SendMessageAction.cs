using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs.Actions;

/// <summary>SendMessage: sends the message, answers with its id and the digests the SDKs verify.</summary>
internal static class SendMessageAction
{
    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        public string? MessageBody { get; set; }

        public int? DelaySeconds { get; set; }

        public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
    }

    internal sealed record Response(string MessageId, string MD5OfMessageBody, string? MD5OfMessageAttributes);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.SendMessageRequest);
        var queue = SqsQueueAddresses.NameFromUrl(request.QueueUrl);
        var message = SendRequests.From(request.MessageBody, request.MessageAttributes, request.DelaySeconds);
        var sent = await call.Engine.SendAsync(queue, message, call.CancellationToken);
        return SqsReply.Of(new Response(sent.MessageId, sent.Md5OfBody, sent.Md5OfMessageAttributes), SqsJsonContext.Default.SendMessageResponse);
    }
}
