namespace Mailflow.Local.Smtp;

/// <summary>
/// What the SMTP listener asks at each step; local mode's answer plays the SES receipt rules
/// (domains, recipient count, size, paused/disabled) and makes an accepted mail durable before 250.
/// <para>
/// Called concurrently from many sessions. Addresses arrive as the client wrote them between the angle brackets
/// (no case folding, source route removed), already checked against RFC 5321 §4.1.2 syntax; they contain UTF-8
/// only when the client sent SMTPUTF8. A throw from any method becomes 451 4.3.0 and the session goes on; so does
/// a reply whose code is not 2xx, 4xx or 5xx. Exception messages are logged: keep addresses out of them.
/// </para>
/// </summary>
public interface ISmtpReceiver
{
    /// <summary>
    /// MAIL FROM: accept (250) or refuse, e.g. 451 4.3.2 while inbound is paused, 550 5.7.1 while disabled.
    /// <paramref name="reversePath"/> is empty for the null sender <c>&lt;&gt;</c> of bounces; <paramref name="declaredSize"/>
    /// is the SIZE parameter (RFC 1870), already refused by the listener when over its limit.
    /// </summary>
    SmtpReply OnMailFrom(string reversePath, long? declaredSize);

    /// <summary>
    /// RCPT TO: accept (250) or refuse (550 5.1.1 outside the configured domains). Asked only while the mail has fewer
    /// than the listener's MaxRecipients; <c>Postmaster</c> may come without a domain (RFC 5321 §4.1.1.3).
    /// </summary>
    SmtpReply OnRecipient(string address);

    /// <summary>
    /// End of DATA: the dot-unstuffed message with CRLF line ends in a seekable, read-only-in-practice stream at
    /// position 0: a spool file the listener deletes when this call returns, so copy what must outlive it.
    /// <paramref name="recipients"/> are the accepted ones, in RCPT order. Must not return 250 until the mail is durable.
    /// A thrown exception becomes 451 4.3.0 (the sender retries; nothing is lost).
    /// <paramref name="cancellationToken"/> fires only when the listener aborts (its stop token fired): a graceful
    /// stop lets this call finish. An <see cref="OperationCanceledException"/> on that token becomes 421 and the
    /// connection closes.
    /// </summary>
    Task<SmtpReply> OnMessageAsync(string reversePath, IReadOnlyList<string> recipients, Stream message, CancellationToken cancellationToken);
}
