namespace Mailflow.Local.Queues;

/// <summary>An SQS message attribute: DataType <c>String</c>, <c>Number</c> or <c>Binary</c> (optionally with a <c>.label</c> suffix).</summary>
public sealed record MessageAttribute(string DataType, string? StringValue, byte[]? BinaryValue = null)
{
    public static MessageAttribute OfString(string value) => new("String", value);
}
