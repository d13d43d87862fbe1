using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using Mailflow.Local.Inbound;
using Mailflow.Local.Smtp;
using Mailflow.Local.Storage;

namespace Mailflow.Local.Operations;

/// <summary>
/// Received mail in the data directory (<see cref="LocalSmtpReceiver.RawKey"/>), for download, replay and test
/// injection. Replay commits the same SES-shaped notification the SMTP listener committed, from the envelope stored
/// beside the mail, so the pipeline sees the same mail id and derives the same envelope ids. Injection takes the
/// listener's path: its syntax and recipient limits, the receiver's MAIL FROM and RCPT TO answers, the size limit, then
/// the receiver's end of DATA; a refusal is a <see cref="MailRefusedException"/> carrying the reply a sender would get.
/// Nothing here writes the ledger: the caller records replays and audit entries.
/// </summary>
public sealed class LocalMailArchive(FileRawMailStore rawMail, LocalSmtpReceiver receiver, SmtpListenerOptions listener) : IMailArchive
{
    private const int CopyBufferBytes = 81_920;

    public async Task<Stream?> OpenRawAsync(string mailId, CancellationToken cancellationToken)
    {
        if (StoredEnvelope(mailId) is null)
        {
            return null;
        }
        try
        {
            return await rawMail.OpenReadAsync(new RawMailLocation(DataDirectory.Bucket, LocalSmtpReceiver.RawKey(mailId)), cancellationToken).ConfigureAwait(false);
        }
        catch (RawMailNotFoundException)
        {
            return null; // deleted between the two looks
        }
    }

    public async Task<bool> ReplayAsync(string mailId, CancellationToken cancellationToken)
    {
        if (StoredEnvelope(mailId) is not { } envelope)
        {
            return false;
        }
        await receiver.EnqueueAsync(mailId, envelope.ReceivedAt, envelope.MailFrom, envelope.Recipients, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<string> InjectAsync(Stream mime, string mailFrom, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mime);
        ArgumentNullException.ThrowIfNull(mailFrom);
        ArgumentNullException.ThrowIfNull(recipients);
        if (mailFrom.Length > 0 && !MailboxSyntax.IsValid(mailFrom))
        {
            throw Refused(SmtpReplies.BadSenderAddress);
        }
        Accept(receiver.OnMailFrom(mailFrom, null));
        if (recipients.Count == 0)
        {
            throw Refused(SmtpReplies.RecipientFirst);
        }
        if (recipients.Count > listener.MaxRecipients)
        {
            throw Refused(SmtpReplies.TooManyRecipients);
        }
        // A refused recipient refuses the whole test mail: delivering to the others would hide the mistake.
        var accepted = new List<string>(recipients.Count);
        foreach (var address in recipients)
        {
            var recipient = MailboxSyntax.IsBarePostmaster(address) ? "Postmaster" : address;
            if (recipient != "Postmaster" && !MailboxSyntax.IsValid(recipient))
            {
                throw Refused(SmtpReplies.BadRecipientAddress);
            }
            Accept(receiver.OnRecipient(recipient));
            accepted.Add(recipient);
        }
        var spool = new SpillingSpool(listener.SpoolDirectory ?? Path.GetTempPath());
        await using (spool.ConfigureAwait(false))
        {
            await CopyWithinLimitAsync(mime, spool, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            return await receiver.AcceptAsync(mailFrom, accepted, spool, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The envelope of a completely stored mail, or null (unknown id, not stored, or a write a crash interrupted).</summary>
    private StoredEnvelope? StoredEnvelope(string mailId)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        return IsMailId(mailId) ? rawMail.ReadEnvelope(LocalSmtpReceiver.RawKey(mailId)) : null;
    }

    /// <summary>Local mail ids are 32 hex digits (<see cref="LocalSmtpReceiver"/>); anything else, a path above all, names no stored mail.</summary>
    private static bool IsMailId(string mailId) => mailId.Length == 32 && mailId.All(char.IsAsciiHexDigit);

    private async Task CopyWithinLimitAsync(Stream source, Stream spool, CancellationToken cancellationToken)
    {
        var buffer = new byte[CopyBufferBytes];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > listener.MaxMessageBytes)
            {
                throw Refused(SmtpReplies.MessageTooBig);
            }
            await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Accept(SmtpReply reply)
    {
        if (!reply.IsPositive)
        {
            throw Refused(reply);
        }
    }

    private static MailRefusedException Refused(SmtpReply reply) => new($"{reply.Code} {reply.EnhancedCode}", reply.Text);
}
