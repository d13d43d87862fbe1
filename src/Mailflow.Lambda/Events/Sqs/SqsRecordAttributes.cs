using System.Text.Json.Serialization;

namespace Mailflow.Lambda.Events.Sqs;

/// <summary>
/// The system attributes of an SQS event record. SQS sends every value as a string, numbers and timestamps
/// (milliseconds since the epoch) too, so they are strings here and are parsed where used.
/// </summary>
public sealed class SqsRecordAttributes
{
    [JsonPropertyName("ApproximateReceiveCount")]
    public string? ApproximateReceiveCount { get; set; }

    [JsonPropertyName("SentTimestamp")]
    public string? SentTimestamp { get; set; }

    [JsonPropertyName("SenderId")]
    public string? SenderId { get; set; }

    [JsonPropertyName("ApproximateFirstReceiveTimestamp")]
    public string? ApproximateFirstReceiveTimestamp { get; set; }

    /// <summary>The X-Ray trace header of the producer, when it was traced.</summary>
    [JsonPropertyName("AWSTraceHeader")]
    public string? AwsTraceHeader { get; set; }

    /// <summary>FIFO queues only.</summary>
    [JsonPropertyName("SequenceNumber")]
    public string? SequenceNumber { get; set; }

    /// <summary>FIFO queues only.</summary>
    [JsonPropertyName("MessageGroupId")]
    public string? MessageGroupId { get; set; }

    /// <summary>FIFO queues only.</summary>
    [JsonPropertyName("MessageDeduplicationId")]
    public string? MessageDeduplicationId { get; set; }

    /// <summary>Set on a message a redrive moved back from a dead-letter queue.</summary>
    [JsonPropertyName("DeadLetterQueueSourceArn")]
    public string? DeadLetterQueueSourceArn { get; set; }
}
