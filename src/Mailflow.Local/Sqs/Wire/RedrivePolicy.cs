using System.Text.Json.Serialization;

namespace Mailflow.Local.Sqs.Wire;

/// <summary>The RedrivePolicy queue attribute, a JSON document inside a string: <c>{"deadLetterTargetArn":"…","maxReceiveCount":5}</c>.</summary>
internal sealed record RedrivePolicy(
    [property: JsonPropertyName("deadLetterTargetArn")] string DeadLetterTargetArn,
    [property: JsonPropertyName("maxReceiveCount")] int MaxReceiveCount);
