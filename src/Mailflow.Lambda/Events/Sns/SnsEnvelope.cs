using System.Text.Json;

namespace Mailflow.Lambda.Events.Sns;

/// <summary>
/// Reads the inbound queue's message bodies whichever way the SNS subscription delivers them: with raw message delivery
/// (DESIGN.md §1, our stack) the body is the SES notification itself; without it, an <see cref="SnsNotification"/>
/// wraps it. Accepting both means a subscription set up either way loses no mail.
/// </summary>
public static class SnsEnvelope
{
    /// <summary>
    /// The published message when <paramref name="sqsBody"/> is an SNS notification envelope; otherwise the body
    /// unchanged (an SES notification, or something unreadable the pipeline then rejects with its own diagnostics).
    /// </summary>
    public static string Unwrap(string sqsBody)
    {
        ArgumentNullException.ThrowIfNull(sqsBody);
        var notification = TryRead(sqsBody);
        return notification is { Type: SnsNotification.NotificationType, TopicArn: not null, Message: { } message } ? message : sqsBody;
    }

    /// <summary>The envelope, or null when the body is not a JSON object with SNS's <c>Type</c> member.</summary>
    public static SnsNotification? TryRead(string sqsBody)
    {
        ArgumentNullException.ThrowIfNull(sqsBody);
        if (!sqsBody.AsSpan().TrimStart().StartsWith("{"))
        {
            return null;
        }
        try
        {
            var notification = JsonSerializer.Deserialize(sqsBody, LambdaJsonContext.Default.SnsNotification);
            return notification?.Type is null ? null : notification;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
