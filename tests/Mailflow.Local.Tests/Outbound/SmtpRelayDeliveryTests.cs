using MimeKit;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>What arrives at a real SMTP server (aiosmtpd) when the relay sender sends.</summary>
public sealed class SmtpRelayDeliveryTests
{
    [Fact]
    public async Task A_mail_arrives_with_its_headers_body_and_attachment_and_the_Bcc_only_in_the_envelope()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);

        var sent = await relay.Sender.SendAsync(Mails.Invoice(bcc: "audit@shop.example"), CancellationToken.None);

        var mail = Assert.Single(sink.Mails);
        Assert.Equal(Mails.From, mail.MailFrom);
        Assert.Equal(["ann@buyer.example", "ap@buyer.example", "audit@shop.example"], mail.RcptTos);
        Assert.DoesNotContain("audit@", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bcc:", mail.Text, StringComparison.OrdinalIgnoreCase);
        var message = mail.Parse();
        Assert.Equal("Invoice 42 – Grüße", message.Subject);
        Assert.Equal("inv42.x7@Shop.Example", message.MessageId);
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(("Ann Buyer", "ann@buyer.example"), (to.Name, to.Address));
        Assert.Equal("ap@buyer.example", Assert.Single(message.Cc.Mailboxes).Address);
        Assert.Equal("Please find the invoice attached.\nGrüße, Влад\n", message.TextBody!.ReplaceLineEndings("\n"));
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("invoice-42.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal("%PDF-1.4 fake invoice"u8.ToArray(), content.ToArray());
        Assert.Equal(mail.Id, sent.ProviderMessageId);
        Assert.Equal(["inv42.x7@shop.example"], sent.MessageIds);
    }

    [Fact]
    public async Task The_stock_aiosmtpd_Mailbox_server_receives_the_mail_into_its_Maildir()
    {
        await using var mailbox = await StockMailbox.StartAsync();
        await using var relay = new RelayUnderTest(mailbox.Port);

        var sent = await relay.Sender.SendAsync(Mails.Invoice(bcc: "audit@shop.example"), CancellationToken.None);

        var message = Assert.Single(mailbox.Messages());
        Assert.Equal(Mails.From, message.Headers["X-MailFrom"]);
        Assert.Equal("ann@buyer.example, ap@buyer.example, audit@shop.example", message.Headers["X-RcptTo"]);
        Assert.Null(message.Headers["Bcc"]);
        Assert.Equal("Invoice 42 – Grüße", message.Subject);
        Assert.Single(message.Attachments);
        // Its reply to DATA ("250 OK") names no queue id: the reply text stands in.
        Assert.Equal("OK", sent.ProviderMessageId);
    }

    [Fact]
    public async Task Sequential_sends_reuse_one_connection()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);

        for (var i = 0; i < 3; i++)
        {
            await relay.Sender.SendAsync(Mails.Simple($"out-{i}", Mails.From, "ann@buyer.example"), CancellationToken.None);
        }

        var mails = sink.Mails;
        Assert.Equal(3, mails.Count);
        Assert.Single(mails.Select(m => m.Peer).Distinct());
    }

    [Fact]
    public async Task Eight_concurrent_sends_through_four_connections_all_arrive_exactly_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port, options: new() { MaxConnections = 4, Timeout = TimeSpan.FromSeconds(10) });

        var sends = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            relay.Sender.SendAsync(Mails.Simple($"out-{i}", Mails.From, $"user{i}@buyer.example"), CancellationToken.None)));
        var sent = await Task.WhenAll(sends);

        var mails = sink.Mails;
        Assert.Equal(
            Enumerable.Range(0, 8).Select(i => $"user{i}@buyer.example").Order(),
            mails.Select(m => Assert.Single(m.RcptTos)).Order());
        Assert.Equal(mails.Select(m => m.Id).Order(), sent.Select(s => s.ProviderMessageId).Order());
        Assert.InRange(mails.Select(m => m.Peer).Distinct().Count(), 1, 4);
    }

    [Fact]
    public async Task A_recipient_refused_for_good_is_left_out_and_the_others_get_the_mail()
    {
        await using var sink = await SmtpSink.StartAsync("--reject-rcpt", "nobody@");
        await using var relay = new RelayUnderTest(sink.Port);

        var sent = await relay.Sender.SendAsync(
            Mails.Simple("out-1", Mails.From, "ann@buyer.example", "nobody@buyer.example", "bob@buyer.example"), CancellationToken.None);

        var mail = Assert.Single(sink.Mails);
        Assert.Equal(["ann@buyer.example", "bob@buyer.example"], mail.RcptTos);
        Assert.Equal(mail.Id, sent.ProviderMessageId);
        var warning = Assert.Single(relay.Logger.Collector.GetSnapshot(), r => r.Id.Id == 3301);
        Assert.Contains("n***@buyer.example: 550 5.1.1", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody@", relay.AllLogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_a_Message_ID_header_reports_none()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);
        var mail = Mails.Simple("out-1", Mails.From, "ann@buyer.example");
        mail.Message.Headers.Remove(HeaderId.MessageId);

        var sent = await relay.Sender.SendAsync(mail, CancellationToken.None);

        Assert.Empty(sent.MessageIds);
        Assert.Single(sink.Mails);
    }
}
