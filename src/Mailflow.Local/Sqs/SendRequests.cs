using Mailflow.Local.Queues;
using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs;

/// <summary>
/// SendMessage's wire input as the engine's <see cref="SendRequest"/>. Only the shape is checked here (a body is
/// present, each attribute has a type and the value field its type calls for); SQS's content rules (characters, size,
/// attribute names, number format, delay range) are the engine's, which refuses with SQS's error codes.
/// </summary>
internal static class SendRequests
{
    public static SendRequest From(string? body, Dictionary<string, MessageAttributeValue>? attributes, int? delaySeconds)
    {
        if (string.IsNullOrEmpty(body))
        {
            throw SqsError.MissingParameter("MessageBody");
        }
        return new SendRequest(
            body,
            attributes is { Count: > 0 } ? attributes.ToDictionary(pair => pair.Key, pair => pair.Value.ToAttribute(pair.Key), StringComparer.Ordinal) : null,
            delaySeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }
}
