using System.Globalization;
using System.Text.Json.Serialization;
using Mailflow.Core.Pipeline;

namespace Mailflow.Lambda.Events.Sqs;

/// <summary>
/// One message of an <see cref="SqsEvent"/>, in the event's camelCase (except <c>eventSourceARN</c>)
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event).
/// </summary>
public sealed class SqsEventRecord
{
    public string MessageId { get; set; } = "";

    public string ReceiptHandle { get; set; } = "";

    public string Body { get; set; } = "";

    public SqsRecordAttributes Attributes { get; set; } = new();

    public IReadOnlyDictionary<string, SqsMessageAttribute> MessageAttributes { get; set; } = new Dictionary<string, SqsMessageAttribute>();

    public string? Md5OfBody { get; set; }

    public string? Md5OfMessageAttributes { get; set; }

    public string EventSource { get; set; } = "aws:sqs";

    [JsonPropertyName("eventSourceARN")]
    public string EventSourceArn { get; set; } = "";

    public string AwsRegion { get; set; } = "";

    /// <summary>The queue's name: the last segment of <c>arn:aws:sqs:region:account:name</c>, what the worker dispatches on.</summary>
    [JsonIgnore]
    public string QueueName => EventSourceArn[(EventSourceArn.LastIndexOf(':') + 1)..];

    /// <summary>
    /// How often SQS has delivered the message, this time included. The event carries it as a string
    /// (<c>"ApproximateReceiveCount": "1"</c>); a record without a readable count is an event we do not understand.
    /// </summary>
    [JsonIgnore]
    public int ReceiveCount =>
        int.TryParse(Attributes.ApproximateReceiveCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new InvalidDataException(
                $"SQS record {MessageId} has ApproximateReceiveCount '{Attributes.ApproximateReceiveCount}', not a positive whole number.");

    /// <summary>
    /// When the message was put on the queue: <c>SentTimestamp</c>, milliseconds since the epoch as a string
    /// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html). Null when absent or
    /// unreadable: it only measures latency, so an odd value costs a latency sample, not the mail.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? SentAt =>
        long.TryParse(Attributes.SentTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
        && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    /// <summary>The record as the pipeline's <see cref="QueueRecord"/>, the shape a local receive produces too.</summary>
    public QueueRecord ToQueueRecord() => new(MessageId, Body, ReceiveCount, SentAt);
}
