using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Outbound;

/// <summary>
/// Log events of local mode's mail senders. Addresses go through <see cref="Core.Redaction.Redact"/> and relay replies
/// through <see cref="SmtpReplyText.Redacted"/> in the callers; no parameter takes a subject or body.
/// </summary>
internal static partial class SenderLog
{
    [LoggerMessage(3300, LogLevel.Information, "Mail {MailId} sent through {Relay} to {Accepted} recipients: {ProviderMessageId}")]
    public static partial void Sent(ILogger logger, string mailId, string relay, int accepted, string providerMessageId);

    [LoggerMessage(3301, LogLevel.Warning, "Mail {MailId}: {Relay} refused {Refused} of {Total} recipients for good and took the rest: {Details}")]
    public static partial void RecipientsRefused(ILogger logger, string mailId, string relay, int refused, int total, string details);

    [LoggerMessage(3302, LogLevel.Warning, "Mail {MailId} rejected by {Relay} ({StatusCode} {EnhancedStatusCode}): {Reason}")]
    public static partial void Rejected(ILogger logger, string mailId, string relay, int? statusCode, string? enhancedStatusCode, string reason);

    [LoggerMessage(3303, LogLevel.Warning, "Mail {MailId} deferred by {Relay} ({StatusCode} {EnhancedStatusCode}): {Reason}")]
    public static partial void Deferred(ILogger logger, string mailId, string relay, int? statusCode, string? enhancedStatusCode, string reason);

    [LoggerMessage(3304, LogLevel.Information, "Mail {MailId}: the pooled connection to {Relay} was dead before the relay took anything; sending again on a new connection")]
    public static partial void RetryingOnNewConnection(ILogger logger, string mailId, string relay);

    [LoggerMessage(3305, LogLevel.Debug, "Connected to {Relay} (security {Security}, encrypted {Encrypted}, SMTPUTF8 {SmtpUtf8}, authenticated {Authenticated})")]
    public static partial void Connected(ILogger logger, string relay, string security, bool encrypted, bool smtpUtf8, bool authenticated);

    [LoggerMessage(3306, LogLevel.Debug, "Closing a connection to {Relay}: {Reason}")]
    public static partial void Closing(ILogger logger, string relay, string reason);

    [LoggerMessage(3310, LogLevel.Information, "Mail {MailId} captured to {Path} for {Recipients} (no relay configured)")]
    public static partial void Captured(ILogger logger, string mailId, string path, string recipients);
}
