using Mailflow.Local.Queues;
using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs.Actions;

/// <summary>
/// ReceiveMessage: up to 10 messages, long-polling up to 20 s; message attributes and system attributes only as
/// requested. MD5OfMessageAttributes covers the attributes returned, which is what the SDKs check it against.
/// </summary>
internal static class ReceiveMessageAction
{
    private const int MaxVisibilitySeconds = 43_200;
    private const int MaxWaitSeconds = 20;

    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        /// <summary>The legacy name of MessageSystemAttributeNames; SDKs still send it.</summary>
        public List<string>? AttributeNames { get; set; }

        public List<string>? MessageSystemAttributeNames { get; set; }

        public List<string>? MessageAttributeNames { get; set; }

        public int? MaxNumberOfMessages { get; set; }

        public int? VisibilityTimeout { get; set; }

        public int? WaitTimeSeconds { get; set; }
    }

    internal sealed record Message(
        string MessageId,
        string ReceiptHandle,
        string MD5OfBody,
        string Body,
        Dictionary<string, string>? Attributes,
        string? MD5OfMessageAttributes,
        Dictionary<string, MessageAttributeValue>? MessageAttributes);

    internal sealed record Response(List<Message>? Messages);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.ReceiveMessageRequest);
        var queue = SqsQueueAddresses.NameFromUrl(request.QueueUrl);
        var receive = new ReceiveRequest(
            InRange(request.MaxNumberOfMessages, "MaxNumberOfMessages", 1, 10) ?? 1,
            Seconds(InRange(request.VisibilityTimeout, "VisibilityTimeout", 0, MaxVisibilitySeconds)),
            Seconds(InRange(request.WaitTimeSeconds, "WaitTimeSeconds", 0, MaxWaitSeconds)));
        var received = await call.Engine.ReceiveAsync(queue, receive, call.CancellationToken);
        var systemAttributes = SystemAttributeSelection.From(request.AttributeNames, request.MessageSystemAttributeNames);
        var messageAttributes = MessageAttributeSelection.From(request.MessageAttributeNames);
        var messages = received.Select(message => ToWire(message, systemAttributes, messageAttributes, call.Addresses)).ToList();
        return SqsReply.Of(new Response(messages.Count == 0 ? null : messages), SqsJsonContext.Default.ReceiveMessageResponse);
    }

    private static Message ToWire(ReceivedMessage message, SystemAttributeSelection system, MessageAttributeSelection selection, SqsQueueAddresses addresses)
    {
        var attributes = selection.Apply(message.Attributes);
        return new Message(
            message.MessageId,
            message.ReceiptHandle,
            message.Md5OfBody,
            message.Body,
            system.Apply(message, addresses),
            SqsMd5.OfMessageAttributes(attributes),
            MessageAttributeValue.From(attributes));
    }

    private static int? InRange(int? value, string parameter, int min, int max) =>
        value is { } given && (given < min || given > max) ? throw SqsError.OutOfRange(parameter, given, min, max) : value;

    private static TimeSpan? Seconds(int? value) => value is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
}
