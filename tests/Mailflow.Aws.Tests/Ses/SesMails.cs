using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using MimeKit;

namespace Mailflow.Aws.Tests.Ses;

/// <summary>Outbound mail as the pipeline hands it to a sender: composed by <see cref="OutboundComposer"/>, Bcc only in the envelope.</summary>
internal static class SesMails
{
    public const string From = "billing@shop.example";
    public const string MessageId = "inv42.x7@shop.example";
    public const string Subject = "Invoice 42 – Grüße, Влад 📎";

    /// <summary>Bytes 0–255 twice: every byte value survives only if nothing on the way is 8-bit or line-ending unsafe.</summary>
    public static byte[] PdfBytes { get; } = [.. "%PDF-1.4\r\n"u8, .. Enumerable.Range(0, 512).Select(i => (byte)(i % 256))];

    public static OutgoingMail Invoice(string mailId = "out-0001", params string[] bcc) => OutboundComposer.Compose(new ComposeRequest(
        mailId,
        new OutboundEnvelope
        {
            From = new OutboundAddress { Name = "Shop Billing", Address = From },
            To = [new OutboundAddress { Name = "Ann Buyer", Address = "ann@buyer.example" }],
            Cc = [new OutboundAddress { Address = "ap@buyer.example" }],
            Bcc = [.. bcc.Select(b => new OutboundAddress { Address = b })],
            Subject = Subject,
            Text = "Please find invoice 42 attached.\nGrüße, Влад\n",
            Html = "<p>Please find invoice <b>42</b> attached.</p>",
        },
        MessageId,
        new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero),
        InReplyTo: null,
        References: [],
        Hops: 1,
        [new ResolvedAttachment("invoice-42.pdf", "application/pdf", PdfBytes, ContentId: null)],
        MaxMessageBytes: 10 * 1024 * 1024));

    /// <summary>A hand-made mail, for envelopes the composer would not produce.</summary>
    public static OutgoingMail Simple(string mailId, string from, IReadOnlyList<string> recipients)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.AddRange(recipients.Select(r => new MailboxAddress("", r)));
        message.Subject = $"Mail {mailId}";
        message.MessageId = $"{mailId}@shop.example";
        message.Body = new TextPart("plain") { Text = $"Body of {mailId}\n" };
        return new OutgoingMail(mailId, message, MailboxAddress.Parse(from).Address, recipients);
    }
}
