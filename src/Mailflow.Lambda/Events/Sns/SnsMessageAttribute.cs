using System.Text.Json.Serialization;

namespace Mailflow.Lambda.Events.Sns;

/// <summary>A message attribute inside an SNS notification: <c>{"Type":"String","Value":"…"}</c>.</summary>
public sealed class SnsMessageAttribute
{
    [JsonPropertyName("Type")]
    public string Type { get; set; } = "String";

    [JsonPropertyName("Value")]
    public string? Value { get; set; }
}
