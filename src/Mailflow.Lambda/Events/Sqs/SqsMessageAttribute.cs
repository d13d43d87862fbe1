namespace Mailflow.Lambda.Events.Sqs;

/// <summary>
/// A message attribute as the event carries it: camelCase, unlike the SQS API's PascalCase, with the reserved list
/// members always present and empty (<c>{"stringValue":"…","stringListValues":[],"binaryListValues":[],"dataType":"String"}</c>).
/// </summary>
public sealed class SqsMessageAttribute
{
    public string? StringValue { get; set; }

    /// <summary>Base64 in the event; decoded here.</summary>
    public byte[]? BinaryValue { get; set; }

    public IReadOnlyList<string> StringListValues { get; set; } = [];

    public IReadOnlyList<byte[]> BinaryListValues { get; set; } = [];

    /// <summary>String, Number or Binary, optionally with a custom suffix (<c>Number.int</c>).</summary>
    public string DataType { get; set; } = "String";
}
