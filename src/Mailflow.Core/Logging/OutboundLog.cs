using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Logging;

/// <summary>
/// The outbound pipeline's log events. Mail ids and apps only: no addresses, subjects or bodies
/// (recipient domains at most, which rate limiting is about).
/// </summary>
internal static partial class OutboundLog
{
    [LoggerMessage(1100, LogLevel.Information, "Sent {MailId} for {App} ({Recipients} recipients) as {ProviderMessageId}")]
    public static partial void Sent(ILogger logger, string mailId, string app, int recipients, string providerMessageId);

    [LoggerMessage(1101, LogLevel.Information, "Duplicate {MailId} for {App}: its idempotency key was already used; nothing sent")]
    public static partial void Duplicate(ILogger logger, string mailId, string app);

    [LoggerMessage(1102, LogLevel.Warning, "Suppressed automatic reply {MailId} for {App}: {ReasonCode}")]
    public static partial void Suppressed(ILogger logger, string mailId, string app, string reasonCode);

    [LoggerMessage(1103, LogLevel.Information, "Delayed {MailId} for {App} by {Delay} (rate limit)")]
    public static partial void Delayed(ILogger logger, string mailId, string app, TimeSpan delay);

    [LoggerMessage(1104, LogLevel.Warning, "{MailId} for {App} answers {InReplyTo}, which Mailflow does not know (expired or never received); sent without threading headers")]
    public static partial void UnknownOriginal(ILogger logger, string mailId, string app, string inReplyTo);

    [LoggerMessage(1105, LogLevel.Error, "Outbound message {QueueMessageId} failed for good ({ReasonCode}); its idempotency key is released")]
    public static partial void Failed(ILogger logger, string queueMessageId, string reasonCode);
}
