using System.Text.Json.Serialization;

namespace Mailflow.Lambda.Events.Sns;

/// <summary>
/// The JSON document SNS delivers to an SQS subscription without raw message delivery: the published message is a
/// string inside it (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html#http-notification-json).
/// Member names are SNS's PascalCase.
/// </summary>
public sealed class SnsNotification
{
    public const string NotificationType = "Notification";

    [JsonPropertyName("Type")]
    public string? Type { get; set; }

    [JsonPropertyName("MessageId")]
    public string? MessageId { get; set; }

    [JsonPropertyName("TopicArn")]
    public string? TopicArn { get; set; }

    [JsonPropertyName("Subject")]
    public string? Subject { get; set; }

    /// <summary>What was published: for SES receipt notifications, the notification's JSON as a string.</summary>
    [JsonPropertyName("Message")]
    public string? Message { get; set; }

    [JsonPropertyName("Timestamp")]
    public DateTimeOffset? Timestamp { get; set; }

    [JsonPropertyName("SignatureVersion")]
    public string? SignatureVersion { get; set; }

    [JsonPropertyName("Signature")]
    public string? Signature { get; set; }

    [JsonPropertyName("SigningCertURL")]
    public string? SigningCertUrl { get; set; }

    [JsonPropertyName("UnsubscribeURL")]
    public string? UnsubscribeUrl { get; set; }

    [JsonPropertyName("MessageAttributes")]
    public IReadOnlyDictionary<string, SnsMessageAttribute>? MessageAttributes { get; set; }
}
