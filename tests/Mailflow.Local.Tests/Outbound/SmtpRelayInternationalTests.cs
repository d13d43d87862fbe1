using Mailflow.Core.Ports;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>International addresses: SMTPUTF8 when the relay offers it (RFC 6531), punycode domains when it does not.</summary>
public sealed class SmtpRelayInternationalTests
{
    [Fact]
    public async Task UTF8_addresses_go_out_as_they_are_over_SMTPUTF8()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);

        await relay.Sender.SendAsync(Mails.Simple("out-1", "søren@exämple.com", "ünï@bücher.example"), CancellationToken.None);

        var mail = Assert.Single(sink.Mails);
        Assert.True(mail.SmtpUtf8);
        Assert.Equal("søren@exämple.com", mail.MailFrom);
        Assert.Equal(["ünï@bücher.example"], mail.RcptTos);
        Assert.Equal("ünï@bücher.example", mail.Parse().To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task ASCII_mail_does_not_ask_for_SMTPUTF8()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);

        await relay.Sender.SendAsync(Mails.Invoice(), CancellationToken.None);

        Assert.False(Assert.Single(sink.Mails).SmtpUtf8);
    }

    [Fact]
    public async Task An_IDN_domain_goes_out_as_punycode_to_a_relay_without_SMTPUTF8()
    {
        await using var mailbox = await StockMailbox.StartAsync();
        await using var relay = new RelayUnderTest(mailbox.Port);

        await relay.Sender.SendAsync(Mails.Simple("out-1", "billing@exämple.com", "ann@bücher.example"), CancellationToken.None);

        var message = Assert.Single(mailbox.Messages());
        Assert.Equal("billing@xn--exmple-cua.com", message.Headers["X-MailFrom"]);
        Assert.Equal("ann@xn--bcher-kva.example", message.Headers["X-RcptTo"]);
    }

    [Fact]
    public async Task A_non_ASCII_local_part_is_rejected_before_sending_to_a_relay_without_SMTPUTF8()
    {
        await using var mailbox = await StockMailbox.StartAsync();
        await using var relay = new RelayUnderTest(mailbox.Port);

        var rejected = await Assert.ThrowsAsync<MailRejectedException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example", "ünï@buyer.example"), CancellationToken.None));

        Assert.Equal("5.6.7", rejected.EnhancedStatusCode);
        Assert.Contains("SMTPUTF8", rejected.Message, StringComparison.Ordinal);
        Assert.Empty(mailbox.Messages());
    }
}
