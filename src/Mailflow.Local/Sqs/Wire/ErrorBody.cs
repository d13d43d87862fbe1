using System.Text.Json.Serialization;

namespace Mailflow.Local.Sqs.Wire;

/// <summary>The AWS JSON 1.0 error body: <c>{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"…"}</c>.</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("__type")] string Type,
    [property: JsonPropertyName("message")] string Message);
