using Mailflow.Local.Queues;

namespace Mailflow.Local.Sqs.Wire;

/// <summary>
/// A message attribute on the wire: <c>{"DataType":"String","StringValue":"…"}</c> or
/// <c>{"DataType":"Binary","BinaryValue":"base64…"}</c>. The list values are reserved by SQS and not accepted.
/// </summary>
internal sealed class MessageAttributeValue
{
    public string? DataType { get; set; }

    public string? StringValue { get; set; }

    public byte[]? BinaryValue { get; set; }

    public List<string>? StringListValues { get; set; }

    public List<byte[]>? BinaryListValues { get; set; }

    /// <summary>The attribute this wire value describes: Binary types carry BinaryValue, String and Number types StringValue.</summary>
    public MessageAttribute ToAttribute(string name)
    {
        if (string.IsNullOrEmpty(DataType))
        {
            throw SqsError.InvalidParameterValue($"The message attribute '{name}' must contain a non-empty message attribute type.");
        }
        if (StringListValues is { Count: > 0 } || BinaryListValues is { Count: > 0 })
        {
            throw SqsError.InvalidParameterValue($"Message attribute '{name}': StringListValues and BinaryListValues are reserved by SQS and not supported.");
        }
        return DataType.StartsWith("Binary", StringComparison.Ordinal)
            ? new MessageAttribute(DataType, null, BinaryValue ?? [])
            : new MessageAttribute(DataType, StringValue ?? "");
    }

    public static MessageAttributeValue From(MessageAttribute attribute) => new()
    {
        DataType = attribute.DataType,
        StringValue = attribute.BinaryValue is null ? attribute.StringValue : null,
        BinaryValue = attribute.BinaryValue,
    };

    public static Dictionary<string, MessageAttributeValue>? From(IReadOnlyDictionary<string, MessageAttribute> attributes) =>
        attributes.Count == 0 ? null : attributes.ToDictionary(pair => pair.Key, pair => From(pair.Value), StringComparer.Ordinal);
}
