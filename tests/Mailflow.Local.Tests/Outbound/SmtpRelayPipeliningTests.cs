using Mailflow.Core.Ports;
using Mailflow.Local.Tests.Smtp;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>
/// The relay sender against Mailflow's own SMTP listener, which offers PIPELINING (RFC 2920) where aiosmtpd does not:
/// MailKit then sends MAIL FROM and every RCPT TO at once and reads the replies afterwards, a different code path for
/// refused recipients. The listener refuses recipients whose local part starts with "unknown" (550 5.1.1).
/// </summary>
public sealed class SmtpRelayPipeliningTests
{
    [Fact]
    public async Task A_pipelined_transaction_leaves_out_the_refused_recipient_and_delivers_to_the_others()
    {
        await using var listener = await RunningListener.StartAsync();
        await using var relay = new RelayUnderTest(listener.Port);

        var sent = await relay.Sender.SendAsync(
            Mails.Simple("out-1", Mails.From, "ann@buyer.example", "unknown@buyer.example", "bob@buyer.example"), CancellationToken.None);

        var mail = Assert.Single(listener.Receiver.Mails);
        Assert.Equal(["ann@buyer.example", "bob@buyer.example"], mail.Recipients);
        Assert.Equal("1", sent.ProviderMessageId); // "250 2.0.0 Queued as 1"
    }

    [Fact]
    public async Task A_pipelined_transaction_with_every_recipient_refused_is_rejected_and_the_connection_stays_usable()
    {
        await using var listener = await RunningListener.StartAsync();
        await using var relay = new RelayUnderTest(listener.Port);

        var rejected = await Assert.ThrowsAsync<MailRejectedException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "unknown1@buyer.example", "unknown2@buyer.example"), CancellationToken.None));
        await relay.Sender.SendAsync(Mails.Simple("out-2", Mails.From, "ann@buyer.example"), CancellationToken.None);

        Assert.Equal(550, rejected.StatusCode);
        Assert.Equal("5.1.1", rejected.EnhancedStatusCode);
        Assert.Equal(["ann@buyer.example"], Assert.Single(listener.Receiver.Mails).Recipients);
        Assert.Equal(1, relay.Logger.Collector.GetSnapshot().Count(r => r.Id.Id == 3305));
    }
}
