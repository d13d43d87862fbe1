using System.Text.Json.Serialization;

namespace Mailflow.Lambda.Events.Sqs;

/// <summary>
/// The event the SQS event source mapping invokes a function with: a batch of records from one queue
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html). The one PascalCase member is <c>Records</c>.
/// </summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsEventRecord> Records { get; set; } = [];
}
