using MailKit.Net.Smtp;
using MimeKit;

namespace Mailflow.Local.Outbound;

/// <summary>
/// A MailKit <see cref="SmtpClient"/> that remembers how far the current transaction got, for the relay sender's
/// decisions:
/// <list type="bullet">
/// <item>whether the relay accepted MAIL FROM: a pooled connection that fails before that has taken nothing, so the
/// mail may be sent again on a fresh connection without risk of a duplicate;</item>
/// <item>which recipients it refused for good (5xx): RFC 5321 §3.3 lets the transaction go on with the accepted ones,
/// and MailKit's default (throw on the first refused recipient) would either lose all recipients for one bad address
/// or, on redelivery, send the accepted ones twice. A 4xx recipient still throws: the whole mail is deferred (RSET, nothing
/// sent) and retried later, so that no recipient is dropped for a temporary condition and none gets the mail twice.</item>
/// </list>
/// </summary>
internal sealed class RelaySmtpClient : SmtpClient
{
    private readonly List<RefusedRecipient> _refused = [];

    public bool SenderAccepted { get; private set; }

    public IReadOnlyList<RefusedRecipient> Refused => _refused;

    /// <summary>When the connection went back to the pool (for <see cref="SmtpRelaySenderOptions.MaxIdleTime"/>).</summary>
    public DateTimeOffset IdleSince { get; set; }

    public void BeginTransaction()
    {
        SenderAccepted = false;
        _refused.Clear();
    }

    protected override void OnSenderAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        SenderAccepted = true;
        base.OnSenderAccepted(message, mailbox, response);
    }

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if ((int)response.StatusCode >= 500)
        {
            _refused.Add(new RefusedRecipient(mailbox, (int)response.StatusCode, response.Response));
            return;
        }
        base.OnRecipientNotAccepted(message, mailbox, response);
    }

    /// <summary>
    /// Every recipient was refused for good: fail with the first refusal's reply. An <see cref="SmtpCommandException"/>
    /// makes MailKit send RSET and keep the connection, as for any refused command.
    /// </summary>
    protected override void OnNoRecipientsAccepted(MimeMessage message)
    {
        if (_refused.Count == 0)
        {
            base.OnNoRecipientsAccepted(message);
            return;
        }
        var first = _refused[0];
        throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, (SmtpStatusCode)first.StatusCode, first.Mailbox, first.Text);
    }
}
