using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Logging;

/// <summary>
/// The inbound pipeline's log events. Source-generated ([LoggerMessage]): structured and AOT-safe.
/// Callers pass values through <see cref="Redaction.Redact"/>; no parameter here takes a subject or body.
/// </summary>
internal static partial class InboundLog
{
    [LoggerMessage(1000, LogLevel.Information, "Received {SesMessageId} ({Size} bytes) from {MailFrom} for {Recipients}")]
    public static partial void Received(ILogger logger, string sesMessageId, long size, string mailFrom, string recipients);

    [LoggerMessage(1001, LogLevel.Information, "Routed {SesMessageId} to {App} on {Queue} as {EnvelopeId}")]
    public static partial void Routed(ILogger logger, string sesMessageId, string app, string queue, string envelopeId);

    [LoggerMessage(1002, LogLevel.Warning, "Quarantined {SesMessageId} for {App}: {ReasonCode}")]
    public static partial void Quarantined(ILogger logger, string sesMessageId, string app, string reasonCode);

    [LoggerMessage(1003, LogLevel.Warning, "Rejected {SesMessageId} for {App}: {ReasonCode}")]
    public static partial void Rejected(ILogger logger, string sesMessageId, string app, string reasonCode);

    [LoggerMessage(1004, LogLevel.Information, "Unroutable recipient {Recipient} of {SesMessageId}: {Reason}")]
    public static partial void Unroutable(ILogger logger, string sesMessageId, string recipient, string reason);

    [LoggerMessage(1005, LogLevel.Information, "Attachment {AttachmentId} of {SesMessageId} blocked: {ReasonCode}")]
    public static partial void AttachmentBlocked(ILogger logger, string sesMessageId, string attachmentId, string reasonCode);

    [LoggerMessage(1006, LogLevel.Information, "Envelope {EnvelopeId} is {Size} bytes, over {Limit}: bodies moved to {StorageKey}")]
    public static partial void ClaimChecked(ILogger logger, string envelopeId, int size, int limit, string storageKey);
}
