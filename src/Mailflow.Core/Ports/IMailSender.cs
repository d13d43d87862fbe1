namespace Mailflow.Core.Ports;

/// <summary>
/// Hands a composed mail to a mail service (SES v2 on AWS, an SMTP relay or the outbox capture locally).
/// Adapters classify failures at this boundary: <see cref="MailRejectedException"/> when the service refused the
/// mail for good (SMTP 5xx, an SES rejection), any other exception when a later attempt may succeed.
/// </summary>
public interface IMailSender
{
    Task<SentMail> SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
