using System.Security.Cryptography;
using System.Text;
using Mailflow.Core.InMemory;
using Mailflow.Core.Outbound;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Tests.Support;
using MimeKit;

namespace Mailflow.Core.Tests.Outbound;

public class OutboundComposerTests
{
    private static readonly byte[] s_pdf = RandomBytes(30_000, seed: 1);
    private static readonly byte[] s_png = RandomBytes(2_000, seed: 2);

    /// <summary>The mail as a recipient's client reads it: written with MimeKit's defaults and parsed back.</summary>
    private static (MimeMessage Message, byte[] Raw) RoundTrip(OutgoingMail mail)
    {
        using var buffer = new MemoryStream();
        mail.Message.WriteTo(OutboundComposer.WireFormat, buffer);
        var raw = buffer.ToArray();
        return (MimeMessage.Load(new MemoryStream(raw)), raw);
    }

    private static OutboundEnvelope Full() => OutboundSamples.Valid() with
    {
        From = new OutboundAddress { Address = "_app1+ticket-981@example.com", Name = "Acme Support" },
        To = [new OutboundAddress { Address = "ann@customer.example", Name = "Ann Müller" }],
        Cc = [new OutboundAddress { Address = "bob@customer.example" }],
        Bcc = [new OutboundAddress { Address = "archive@acme.example" }, new OutboundAddress { Address = "ANN@customer.example" }],
        ReplyTo = [new OutboundAddress { Address = "_app1@example.com", Name = "Replies" }],
        Subject = "Grüße aus Köln — Привет 😀",
        Text = "Hello Ann",
        Html = "<p>Hello Ann</p><img src=\"cid:logo@acme\">",
        Headers = new Dictionary<string, string> { ["X-Ticket"] = "981", ["X-Note"] = "für dich" },
        Attachments =
        [
            OutboundSamples.Inline("Rechnung März.pdf", "application/pdf", s_pdf),
            OutboundSamples.Inline("logo.png", "image/png", s_png, "logo@acme"),
        ],
    };

    [Fact]
    public async Task The_headers_carry_the_envelopes_addresses_subject_and_ids_and_never_bcc()
    {
        var mail = await OutboundSamples.ComposeAsync(Full(), inReplyTo: "m2@sender.example", references: ["m1@sender.example", "m2@sender.example"], hops: 2);
        var (message, _) = RoundTrip(mail);

        Assert.Equal(("Acme Support", "_app1+ticket-981@example.com"), (message.From.Mailboxes.Single().Name, message.From.Mailboxes.Single().Address));
        Assert.Equal([("Ann Müller", "ann@customer.example")], message.To.Mailboxes.Select(m => (m.Name, m.Address)));
        Assert.Equal(["bob@customer.example"], message.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal(["_app1@example.com"], message.ReplyTo.Mailboxes.Select(m => m.Address));
        Assert.Empty(message.Bcc);
        Assert.Null(message.Headers[HeaderId.Bcc]);
        Assert.Equal("Grüße aus Köln — Привет 😀", message.Subject);
        Assert.Equal(OutboundSamples.Now, message.Date);
        Assert.Equal($"{OutboundIds.MailId("app1", "order-4711")}@example.com", message.MessageId);
        Assert.Equal("m2@sender.example", message.InReplyTo);
        Assert.Equal(["m1@sender.example", "m2@sender.example"], message.References);
        Assert.Equal("2", message.Headers[MailHops.HeaderName]);
        Assert.Equal("981", message.Headers["X-Ticket"]);
        Assert.Equal("für dich", message.Headers["X-Note"]);
        Assert.Null(message.Headers[HeaderId.AutoSubmitted]);
    }

    [Fact]
    public async Task The_smtp_envelope_has_every_recipient_once_bcc_included_and_the_sender()
    {
        var mail = await OutboundSamples.ComposeAsync(Full());

        Assert.Equal(["ann@customer.example", "bob@customer.example", "archive@acme.example"], mail.Recipients);
        Assert.Equal("_app1+ticket-981@example.com", mail.EnvelopeFrom);
        Assert.Equal(OutboundIds.MailId("app1", "order-4711"), mail.MailId);
    }

    [Fact]
    public async Task Unicode_headers_are_written_as_ascii_encoded_words()
    {
        var (_, raw) = RoundTrip(await OutboundSamples.ComposeAsync(Full()));

        Assert.All(raw, b => Assert.True(b < 0x80, "every byte of a mail with ASCII addresses is 7-bit"));
        var headers = Encoding.ASCII.GetString(raw).Split("\r\n\r\n", 2)[0];
        Assert.Contains("Subject: =?utf-8?", headers, StringComparison.Ordinal);
        Assert.Contains("To: Ann =?utf-8?", headers, StringComparison.Ordinal);
        Assert.Contains("X-Note: =?utf-8?", headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_keep_their_bytes_and_names_and_a_referenced_image_is_inline_in_multipart_related()
    {
        var (message, _) = RoundTrip(await OutboundSamples.ComposeAsync(Full()));

        Assert.Equal("multipart/mixed", message.Body!.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(((Multipart)message.Body)[0]);
        Assert.Equal("Hello Ann", message.TextBody!.TrimEnd());
        Assert.Equal("<p>Hello Ann</p><img src=\"cid:logo@acme\">", message.HtmlBody!.TrimEnd());
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        var logo = Assert.IsType<MimePart>(related[1]);
        Assert.Equal(("logo@acme", "image/png"), (logo.ContentId, logo.ContentType.MimeType));
        Assert.Equal(Sha256(s_png), Sha256(Decode(logo)));

        var pdf = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal(("Rechnung März.pdf", "application/pdf"), (pdf.FileName, pdf.ContentType.MimeType));
        Assert.Equal(Sha256(s_pdf), Sha256(Decode(pdf)));
    }

    [Fact]
    public async Task An_image_the_html_does_not_reference_is_an_ordinary_attachment_with_its_content_id()
    {
        var envelope = Full() with { Html = "<p>no images</p>" };

        var (message, _) = RoundTrip(await OutboundSamples.ComposeAsync(envelope));

        var parts = message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["Rechnung März.pdf", "logo.png"], parts.Select(p => p.FileName));
        Assert.Equal("logo@acme", parts[1].ContentId);
        Assert.DoesNotContain(message.BodyParts, p => p is MultipartRelated);
    }

    [Fact]
    public async Task A_text_only_mail_is_a_single_text_part_and_an_html_only_mail_a_single_html_part()
    {
        var (text, _) = RoundTrip(await OutboundSamples.ComposeAsync(OutboundSamples.Valid()));
        var (html, _) = RoundTrip(await OutboundSamples.ComposeAsync(OutboundSamples.Valid() with { Text = null, Html = "<b>Hi</b>" }));

        Assert.Equal(("text/plain", "Thank you."), (text.Body!.ContentType.MimeType, text.TextBody!.TrimEnd()));
        Assert.Equal(("text/html", "<b>Hi</b>"), (html.Body!.ContentType.MimeType, html.HtmlBody!.TrimEnd()));
    }

    [Fact]
    public async Task Text_and_html_without_attachments_are_multipart_alternative()
    {
        var (message, _) = RoundTrip(await OutboundSamples.ComposeAsync(OutboundSamples.Valid() with { Html = "<p>Thank you.</p>" }));

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
    }

    [Fact]
    public async Task A_stored_attachment_is_attached_with_its_bytes()
    {
        var store = new InMemoryAttachmentStore();
        await store.PutAsync("attachments/ses-1/a0", new MemoryStream(s_pdf), "application/pdf", CancellationToken.None);
        var envelope = OutboundSamples.Valid() with { Attachments = [new OutboundAttachment { Filename = "invoice.pdf", StorageKey = "attachments/ses-1/a0" }] };

        var (message, _) = RoundTrip(await OutboundSamples.ComposeAsync(envelope, store));

        var pdf = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal(("invoice.pdf", "application/pdf"), (pdf.FileName, pdf.ContentType.MimeType));
        Assert.Equal(Sha256(s_pdf), Sha256(Decode(pdf)));
    }

    [Fact]
    public async Task An_automatic_reply_says_so_with_auto_submitted()
    {
        var (message, _) = RoundTrip(await OutboundSamples.ComposeAsync(OutboundSamples.Valid() with { AutoReply = true }));

        Assert.Equal("auto-replied", message.Headers[HeaderId.AutoSubmitted]);
    }

    [Fact]
    public async Task Long_lines_are_encoded_so_that_no_line_exceeds_the_rfc_5322_limit()
    {
        var longLine = string.Concat(Enumerable.Repeat("Grüße ", 2_000));
        var (message, raw) = RoundTrip(await OutboundSamples.ComposeAsync(OutboundSamples.Valid() with { Text = longLine, Html = $"<p>{longLine}</p>" }));

        Assert.All(Encoding.ASCII.GetString(raw).Split("\r\n"), line => Assert.True(line.Length <= 78, $"a line of {line.Length} characters"));
        Assert.Equal(longLine.TrimEnd(), message.TextBody!.TrimEnd());
    }

    [Fact]
    public async Task An_internationalised_recipient_survives_with_its_domain_in_ascii()
    {
        var envelope = OutboundSamples.Valid() with { To = [new OutboundAddress { Address = "jörg@bücher.example", Name = "Jörg" }] };

        var mail = await OutboundSamples.ComposeAsync(envelope);
        var (message, raw) = RoundTrip(mail);

        Assert.Equal(["jörg@bücher.example"], mail.Recipients);
        var to = message.To.Mailboxes.Single();
        Assert.Equal("jörg@bücher.example", to.Address);
        Assert.Equal("jörg@xn--bcher-kva.example", to.GetAddress(idnEncode: true));
        Assert.Equal("Jörg", to.Name);
        Assert.Contains("<jörg@xn--bcher-kva.example>", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_over_max_message_bytes_is_message_too_large_and_one_at_the_limit_is_sent()
    {
        var envelope = OutboundSamples.Valid() with { Attachments = [OutboundSamples.Inline("a.pdf", "application/pdf", s_pdf)] };
        var mail = await OutboundSamples.ComposeAsync(envelope);
        using var measure = new MimeKit.IO.MeasuringStream();
        mail.Message.WriteTo(OutboundComposer.WireFormat, measure);
        var request = Request(envelope, measure.Length);

        Assert.NotNull(OutboundComposer.Compose(request));
        var ex = Assert.Throws<OutboundInvalidException>(() => OutboundComposer.Compose(request with { MaxMessageBytes = measure.Length - 1 }));
        Assert.Equal(("$", ReasonCodes.MessageTooLarge), (Assert.Single(ex.Problems).Path, ex.ReasonCode));
        Assert.True(measure.Length > s_pdf.Length * 4 / 3, "the limit applies to the encoded mail, not the decoded attachment");
    }

    [Fact]
    public void The_same_request_composes_the_same_headers()
    {
        var request = Request(Full(), 10 * 1024 * 1024);

        var first = OutboundComposer.Compose(request).Message;
        var second = OutboundComposer.Compose(request).Message;

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.Headers.Select(h => h.ToString()), second.Headers.Select(h => h.ToString()));
    }

    private static ComposeRequest Request(OutboundEnvelope envelope, long maxMessageBytes)
    {
        var attachments = (envelope.Attachments ?? [])
            .Select(a => new ResolvedAttachment(a.Filename!, a.ContentType!, Convert.FromBase64String(a.Content!), a.ContentId))
            .ToList();
        var mailId = OutboundIds.MailId(envelope.App!, envelope.IdempotencyKey!);
        return new ComposeRequest(mailId, envelope, OutboundIds.MessageId(mailId, envelope.From!.Address!), OutboundSamples.Now, null, [], 1, attachments, maxMessageBytes);
    }

    private static byte[] Decode(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
