using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Mailflow.Local.Queues;

/// <summary>
/// A message within SQS's rules: body characters, up to 10 attributes with valid names, types and values, a delay of
/// 0-900 s, and a size (body + attribute names, types and values, in bytes) within the queue's maximum.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
/// </summary>
internal static partial class MessageValidator
{
    public const int MaxAttributes = 10;

    private static readonly SearchValues<char> s_attributeNameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Validates the message against the queue and returns its SQS size in bytes.</summary>
    public static int Validate(SendRequest request, QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Body))
        {
            throw QueueErrors.Invalid("The message body is empty; SQS requires at least one character.");
        }

        RequireAllowedCharacters(request.Body, "The message body");
        if (request.Delay is { } delay)
        {
            QueueSettingsValidator.InRange("DelaySeconds", delay, TimeSpan.Zero, QueueSettingsValidator.MaxDelay);
        }

        var size = Encoding.UTF8.GetByteCount(request.Body) + ValidateAttributes(request.Attributes);
        if (size > settings.MaximumMessageSize)
        {
            throw new QueueEngineException(
                QueueEngineException.MessageTooLong,
                $"The message is {size} bytes (body plus attribute names, types and values); '{settings.Name}' accepts at most " +
                $"{settings.MaximumMessageSize}. Store the payload elsewhere and send a pointer to it (claim check).");
        }

        return size;
    }

    private static int ValidateAttributes(IReadOnlyDictionary<string, MessageAttribute>? attributes)
    {
        if (attributes is null)
        {
            return 0;
        }

        if (attributes.Count > MaxAttributes)
        {
            throw QueueErrors.Invalid($"The message has {attributes.Count} attributes; SQS allows at most {MaxAttributes}. Merge some into the body.");
        }

        var size = 0;
        foreach (var (name, attribute) in attributes)
        {
            ValidateName(name);
            ValidateDataType(name, attribute);
            ValidateValue(name, attribute);
            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(attribute.DataType) +
                (MessageAttributeCodec.IsBinary(attribute.DataType)
                    ? attribute.BinaryValue!.Length
                    : Encoding.UTF8.GetByteCount(attribute.StringValue!));
        }

        return size;
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 256 || name.AsSpan().ContainsAnyExcept(s_attributeNameChars) ||
            name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal) ||
            name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
        {
            throw QueueErrors.Invalid(
                $"'{name}' is not a valid attribute name: use up to 256 characters from A-Z, a-z, 0-9, '-', '_' and '.', " +
                "not starting or ending with '.', without '..', and not starting with 'AWS.' or 'Amazon.'.");
        }
    }

    private static void ValidateDataType(string name, MessageAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        if (attribute.DataType is null || !DataTypePattern().IsMatch(attribute.DataType))
        {
            throw QueueErrors.Invalid(
                $"The attribute '{name}' has data type '{attribute.DataType}'; use String, Number or Binary, optionally " +
                "followed by '.' and a custom label (up to 256 characters in all).");
        }
    }

    private static void ValidateValue(string name, MessageAttribute attribute)
    {
        if (MessageAttributeCodec.IsBinary(attribute.DataType))
        {
            if (attribute.BinaryValue is not { Length: > 0 } || attribute.StringValue is not null)
            {
                throw QueueErrors.Invalid($"The attribute '{name}' is Binary: give a non-empty BinaryValue and no StringValue.");
            }

            return;
        }

        if (string.IsNullOrEmpty(attribute.StringValue) || attribute.BinaryValue is not null)
        {
            throw QueueErrors.Invalid($"The attribute '{name}' is {attribute.DataType}: give a non-empty StringValue and no BinaryValue.");
        }

        RequireAllowedCharacters(attribute.StringValue, $"The attribute '{name}'");
        if (attribute.DataType.StartsWith("Number", StringComparison.Ordinal) && !IsSqsNumber(attribute.StringValue))
        {
            throw QueueErrors.Invalid(
                $"The attribute '{name}' is a Number but '{attribute.StringValue}' is not a number SQS accepts " +
                "(decimal notation, up to 38 significant digits).");
        }
    }

    private static bool IsSqsNumber(string value)
    {
        var match = NumberPattern().Match(value);
        if (!match.Success)
        {
            return false;
        }

        var digits = match.Groups["int"].Value + match.Groups["frac"].Value;
        return digits.Length > 0 && digits.Trim('0').Length <= 38;
    }

    /// <summary>SQS accepts #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF; lone surrogates are refused.</summary>
    private static void RequireAllowedCharacters(string text, string what)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done || !IsAllowed(rune.Value))
            {
                throw new QueueEngineException(
                    QueueEngineException.InvalidMessageContents,
                    $"{what} contains a character SQS does not allow (U+{(int)span[0]:X4} at index {text.Length - span.Length}). " +
                    "Encode binary or control characters, for example as Base64.");
            }

            span = span[consumed..];
        }
    }

    private static bool IsAllowed(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    [GeneratedRegex(@"^(String|Number|Binary)(\.[A-Za-z0-9_.\-]{1,249})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DataTypePattern();

    [GeneratedRegex(@"^[+-]?(?<int>[0-9]*)(\.(?<frac>[0-9]*))?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
