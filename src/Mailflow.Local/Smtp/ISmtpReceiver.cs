namespace Mailflow.Local.Smtp;

/// <summary>
/// What the SMTP listener asks at each step; local mode's answer plays the SES receipt rules
/// (domains, recipient count, size, paused/disabled) and makes an accepted mail durable before 250.
/// </summary>
public interface ISmtpReceiver
{
    /// <summary>MAIL FROM: accept (250) or refuse, e.g. 451 4.3.2 while inbound is paused, 550 5.7.1 while disabled.</summary>
    SmtpReply OnMailFrom(string reversePath, long? declaredSize);

    /// <summary>RCPT TO: accept (250) or refuse (550 5.1.1 outside the configured domains).</summary>
    SmtpReply OnRecipient(string address);

    /// <summary>
    /// End of DATA: the dot-unstuffed message in a seekable stream. Must not return 250 until the mail is durable.
    /// A thrown exception becomes 451 4.3.0 (the sender retries; nothing is lost).
    /// </summary>
    Task<SmtpReply> OnMessageAsync(string reversePath, IReadOnlyList<string> recipients, Stream message, CancellationToken cancellationToken);
}
