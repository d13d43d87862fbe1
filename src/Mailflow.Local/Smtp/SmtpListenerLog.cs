using System.Net;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Smtp;

/// <summary>
/// The SMTP listener's log events. Source-generated ([LoggerMessage]): structured and AOT-safe.
/// Addresses are passed through <see cref="Core.Redaction.Redact.Address"/> by the callers; no parameter takes a
/// subject or body.
/// </summary>
internal static partial class SmtpListenerLog
{
    [LoggerMessage(3000, LogLevel.Information, "SMTP listener on {EndPoint}")]
    public static partial void Listening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(3001, LogLevel.Information, "SMTP listener stopping with {Sessions} sessions open")]
    public static partial void Stopping(ILogger logger, int sessions);

    [LoggerMessage(3002, LogLevel.Information, "SMTP listener stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(3003, LogLevel.Warning, "SMTP accept failed; retrying")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(3004, LogLevel.Warning, "SMTP connection from {Remote} refused: {Limit} sessions are open")]
    public static partial void TooManySessions(ILogger logger, EndPoint? remote, int limit);

    [LoggerMessage(3005, LogLevel.Debug, "SMTP session {Session} opened from {Remote}")]
    public static partial void SessionOpened(ILogger logger, long session, EndPoint? remote);

    [LoggerMessage(3006, LogLevel.Debug, "SMTP session {Session} closed")]
    public static partial void SessionClosed(ILogger logger, long session);

    [LoggerMessage(3007, LogLevel.Information, "SMTP session {Session} timed out")]
    public static partial void SessionTimedOut(ILogger logger, long session);

    [LoggerMessage(3008, LogLevel.Information, "SMTP session {Session} closed by shutdown")]
    public static partial void SessionShutDown(ILogger logger, long session);

    [LoggerMessage(3009, LogLevel.Information, "SMTP session {Session} lost its connection: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, long session, string reason);

    [LoggerMessage(3010, LogLevel.Error, "SMTP session {Session} failed")]
    public static partial void SessionFailed(ILogger logger, long session, Exception exception);

    [LoggerMessage(3011, LogLevel.Debug, "SMTP session {Session}: sender {MailFrom} answered {Code} {EnhancedCode}")]
    public static partial void Sender(ILogger logger, long session, string mailFrom, int code, string? enhancedCode);

    [LoggerMessage(3012, LogLevel.Debug, "SMTP session {Session}: recipient {Recipient} answered {Code} {EnhancedCode}")]
    public static partial void Recipient(ILogger logger, long session, string recipient, int code, string? enhancedCode);

    [LoggerMessage(3013, LogLevel.Information, "SMTP session {Session}: mail from {MailFrom} to {Recipients} ({Size} bytes) answered {Code} {EnhancedCode}")]
    public static partial void Message(ILogger logger, long session, string mailFrom, string recipients, long size, int code, string? enhancedCode);

    [LoggerMessage(3014, LogLevel.Information, "SMTP session {Session}: mail from {MailFrom} refused: {Size} bytes, over the limit of {Limit}")]
    public static partial void MessageTooBig(ILogger logger, long session, string mailFrom, long size, long limit);

    [LoggerMessage(3015, LogLevel.Information, "SMTP session {Session}: mail from {MailFrom} refused: a text line is longer than 1000 octets")]
    public static partial void LineTooLong(ILogger logger, long session, string mailFrom);

    [LoggerMessage(3016, LogLevel.Error, "SMTP session {Session}: the receiver failed at {Step}; answered 451 4.3.0")]
    public static partial void ReceiverFailed(ILogger logger, long session, string step, Exception exception);

    [LoggerMessage(3017, LogLevel.Error, "SMTP session {Session}: the receiver answered {Step} with an invalid reply code {Code}; answered 451 4.3.0")]
    public static partial void InvalidReply(ILogger logger, long session, string step, int code);

    [LoggerMessage(3018, LogLevel.Error, "SMTP session {Session}: cannot open a spool file in {Directory}; answered 451 4.3.0")]
    public static partial void SpoolFailed(ILogger logger, long session, string directory, Exception exception);
}
