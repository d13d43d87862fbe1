using Mailflow.Core.Mail;
using Mailflow.Core.Ses;
using MimeKit;

namespace Mailflow.Core.Envelopes;

/// <summary>Builds the app-independent part of an inbound envelope from the notification and the parsed headers and bodies.</summary>
public static class InboundEnvelopeFactory
{
    /// <param name="message">The parsed message; for mail that could not be parsed whole, a header-only or empty message.</param>
    /// <param name="content">Bodies, or null when the body was not read.</param>
    public static InboundEnvelope Create(SesReceiptNotification notification, MimeMessage message, MailContent? content, long size)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(message);
        var receipt = notification.Receipt;
        return new InboundEnvelope
        {
            Id = StorageKeys.EnvelopeId(notification.Mail.MessageId, null),
            ReceivedAt = receipt.Timestamp != default ? receipt.Timestamp : notification.Mail.Timestamp,
            SesMessageId = notification.Mail.MessageId,
            Envelope = new SmtpEnvelope(notification.Mail.Source, receipt.Recipients),
            From = message.From.Mailboxes.Select(ToAddress).FirstOrDefault(),
            Sender = message.Sender is { } sender ? ToAddress(sender) : null,
            ReplyTo = Addresses(message.ReplyTo),
            To = Addresses(message.To),
            Cc = Addresses(message.Cc),
            Subject = message.Subject,
            Date = DateOf(message),
            MessageId = Blank(message.MessageId),
            InReplyTo = Blank(message.InReplyTo),
            References = [.. message.References],
            Text = content?.TextBody?.Text,
            Html = content?.HtmlBody?.Text,
            Verdicts = EnvelopeVerdicts.From(receipt.Verdicts()),
            Raw = new RawMailPointer(receipt.Action.ObjectKey, size),
        };
    }

    private static EnvelopeAddress ToAddress(MailboxAddress mailbox) =>
        new(mailbox.Address, string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name);

    private static List<EnvelopeAddress> Addresses(InternetAddressList list) => [.. list.Mailboxes.Select(ToAddress)];

    // MimeKit reports a missing or unparseable Date as DateTimeOffset.MinValue; the envelope says null.
    private static DateTimeOffset? DateOf(MimeMessage message) =>
        message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
