using System.Text.Json.Serialization;

namespace Mailflow.Local.Inbound;

/// <summary>
/// Whether local mode accepts mail, the local twin of the SES receipt rule's switch: <c>enabled</c>;
/// <c>paused</c> (451 4.3.2: senders retry later, nothing is lost); <c>disabled</c> (550 5.7.1, like SES with no rule matching).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<InboundState>))]
public enum InboundState
{
    [JsonStringEnumMemberName("enabled")]
    Enabled,

    [JsonStringEnumMemberName("paused")]
    Paused,

    [JsonStringEnumMemberName("disabled")]
    Disabled,
}
