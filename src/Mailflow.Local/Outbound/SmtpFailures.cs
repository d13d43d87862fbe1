using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mailflow.Core.Ports;
using Mailflow.Core.Redaction;

namespace Mailflow.Local.Outbound;

/// <summary>
/// Classifies a failed relay send once, at the adapter boundary (STYLE.md §6): a 5xx reply is a
/// <see cref="MailRejectedException"/> (RFC 5321 §4.2.1: "permanent negative completion"); everything else — a 4xx
/// reply, an unreachable relay, a dropped connection, a timeout, a TLS or credential problem — is a
/// <see cref="MailDeferredException"/> that the platform redelivers (LESSONS.md).
/// Messages quote the relay's reply with every address masked, and a reply is never attached as the inner exception
/// (MailKit's exception carries the raw text and the mailbox): whoever logs the exception logs no address.
/// </summary>
internal static class SmtpFailures
{
    public static Exception Classify(Exception exception, string relay, IReadOnlyList<RefusedRecipient> refused)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(refused);
        return exception switch
        {
            SmtpCommandException command when command.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)command.StatusCode >= 500 && refused.Count > 0
                => EveryRecipientRefused(relay, refused),
            SmtpCommandException command => FromReply(command, relay),
            ServiceNotAuthenticatedException => new MailDeferredException(
                $"The relay {relay} requires authentication (530) and no username is configured: set outbound.relay.username "
                + "and passwordEnvironmentVariable. The mail will be retried.")
            { StatusCode = 530 },
            AuthenticationException e => new MailDeferredException(
                $"The relay {relay} refused the configured credentials ({SmtpReplyText.Redacted(e.Message)}): check outbound.relay.username "
                + "and the password variable. The mail will be retried.", e),
            SslHandshakeException e => new MailDeferredException(
                $"The TLS handshake with the relay {relay} failed: {e.Message} The mail will be retried.", e),
            SocketException e => new MailDeferredException(
                $"Cannot reach the relay {relay}: {e.SocketErrorCode} ({e.Message}). The mail will be retried.", e),
            TimeoutException or OperationCanceledException => new MailDeferredException(
                $"The relay {relay} did not answer in time. The mail will be retried.", exception),
            _ => new MailDeferredException(
                $"Sending through the relay {relay} failed ({exception.GetType().Name}: {exception.Message}). The mail will be retried.", exception),
        };
    }

    private static Exception FromReply(SmtpCommandException command, string relay)
    {
        var code = (int)command.StatusCode;
        var enhanced = SmtpReplyText.EnhancedStatusCode(code, command.Message);
        var stage = command.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted => "MAIL FROM",
            SmtpErrorCode.RecipientNotAccepted => "RCPT TO",
            SmtpErrorCode.MessageNotAccepted => "the end of DATA",
            _ => "a command",
        };
        var reply = $"{code} {SmtpReplyText.Redacted(command.Message)}";
        return code is >= 500 and < 600
            ? new MailRejectedException($"The relay {relay} rejected the mail at {stage}: {reply}")
            {
                StatusCode = code,
                EnhancedStatusCode = enhanced,
            }
            : new MailDeferredException($"The relay {relay} deferred the mail at {stage}: {reply}. The mail will be retried.")
            {
                StatusCode = code,
                EnhancedStatusCode = enhanced,
            };
    }

    private static MailRejectedException EveryRecipientRefused(string relay, IReadOnlyList<RefusedRecipient> refused)
    {
        var first = refused[0];
        var each = string.Join("; ", refused.Select(r => $"{Redact.Address(r.Mailbox.Address)}: {r.StatusCode} {SmtpReplyText.Redacted(r.Text)}"));
        return new MailRejectedException($"The relay {relay} refused every recipient ({each})")
        {
            StatusCode = first.StatusCode,
            EnhancedStatusCode = SmtpReplyText.EnhancedStatusCode(first.StatusCode, first.Text),
        };
    }
}
