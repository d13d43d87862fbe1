using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mailflow.Core.Ports;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>How the relay sender classifies what goes wrong: 5xx is permanent, everything else transient (LESSONS.md).</summary>
public sealed class SmtpRelayFailureTests
{
    [Fact]
    public async Task A_451_defers_the_mail_and_the_next_attempt_is_accepted()
    {
        await using var sink = await SmtpSink.StartAsync("--fail-first", "1", "--fail-code", "451");
        await using var relay = new RelayUnderTest(sink.Port);
        var mail = Mails.Simple("out-1", Mails.From, "ann@buyer.example");

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() => relay.Sender.SendAsync(mail, CancellationToken.None));
        Assert.Empty(sink.Mails);
        var sent = await relay.Sender.SendAsync(mail, CancellationToken.None);

        Assert.Equal(451, deferred.StatusCode);
        Assert.Equal("4.3.0", deferred.EnhancedStatusCode);
        Assert.Contains("451 4.3.0 Try again later", deferred.Message, StringComparison.Ordinal);
        var arrived = Assert.Single(sink.Mails);
        Assert.Equal(arrived.Id, sent.ProviderMessageId);
        // The 451 came as a reply: the connection stayed good and carried the second attempt.
        Assert.Equal(1, relay.Logger.Collector.GetSnapshot().Count(r => r.Id.Id == 3305));
    }

    [Fact]
    public async Task A_550_rejects_the_mail_for_good_with_its_status_codes()
    {
        await using var sink = await SmtpSink.StartAsync("--reject-code", "550");
        await using var relay = new RelayUnderTest(sink.Port);

        var rejected = await Assert.ThrowsAsync<MailRejectedException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None));

        Assert.Equal(550, rejected.StatusCode);
        Assert.Equal("5.7.1", rejected.EnhancedStatusCode);
        Assert.Contains("550 5.7.1 Message rejected by the sink", rejected.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Mails);
    }

    [Fact]
    public async Task Every_recipient_refused_rejects_the_mail_and_names_them_masked()
    {
        await using var sink = await SmtpSink.StartAsync("--reject-rcpt", "@buyer.example");
        await using var relay = new RelayUnderTest(sink.Port);

        var rejected = await Assert.ThrowsAsync<MailRejectedException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example", "bob@buyer.example"), CancellationToken.None));

        Assert.Equal(550, rejected.StatusCode);
        Assert.Equal("5.1.1", rejected.EnhancedStatusCode);
        Assert.Contains("a***@buyer.example: 550 5.1.1", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("b***@buyer.example: 550 5.1.1", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@", relay.AllLogText, StringComparison.Ordinal);
        Assert.Empty(sink.Mails);
    }

    [Fact]
    public async Task A_recipient_deferred_defers_the_whole_mail_so_that_nobody_gets_it_twice()
    {
        await using var sink = await SmtpSink.StartAsync("--reject-rcpt", "busy@", "--reject-rcpt-code", "450");
        await using var relay = new RelayUnderTest(sink.Port);

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example", "busy@buyer.example"), CancellationToken.None));

        Assert.Equal(450, deferred.StatusCode);
        Assert.Empty(sink.Mails);
        // RSET left the connection usable for the next mail.
        await relay.Sender.SendAsync(Mails.Simple("out-2", Mails.From, "ann@buyer.example"), CancellationToken.None);
        Assert.Single(sink.Mails);
    }

    [Fact]
    public async Task Nothing_listening_defers_the_mail_at_once()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        await using var relay = new RelayUnderTest(port);
        var elapsed = Stopwatch.StartNew();

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None));

        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.Null(deferred.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", deferred.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", deferred.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_that_never_answers_defers_the_mail_after_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var relay = new RelayUnderTest(port, options: new() { Timeout = TimeSpan.FromSeconds(1) });
        var elapsed = Stopwatch.StartNew();

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None));

        Assert.InRange(elapsed.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Null(deferred.StatusCode);
        Assert.Contains($"The relay 127.0.0.1:{port} did not answer in time", deferred.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pooled_connection_the_relay_dropped_is_replaced_and_the_mail_sent_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);
        await relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None);

        await sink.RestartAsync();
        await relay.Sender.SendAsync(Mails.Simple("out-2", Mails.From, "bob@buyer.example"), CancellationToken.None);
        await sink.RestartAsync();
        await relay.Sender.SendAsync(Mails.Simple("out-3", Mails.From, "cy@buyer.example"), CancellationToken.None);

        Assert.Equal(["ann@buyer.example", "bob@buyer.example", "cy@buyer.example"], sink.Mails.Select(m => Assert.Single(m.RcptTos)).Order());
        Assert.Equal(3, sink.Mails.Select(m => m.Peer).Distinct().Count());
        // Each time the first command on the dead connection failed before MAIL FROM was accepted: one retry, no duplicate.
        Assert.Equal(2, relay.Logger.Collector.GetSnapshot().Count(r => r.Id.Id == 3304));
    }

    [Fact]
    public async Task A_relay_that_is_down_defers_and_the_same_sender_delivers_once_it_is_back()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);
        await relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None);
        await sink.StopAsync();

        await Assert.ThrowsAsync<MailDeferredException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-2", Mails.From, "bob@buyer.example"), CancellationToken.None));
        await sink.RestartAsync();
        await relay.Sender.SendAsync(Mails.Simple("out-2", Mails.From, "bob@buyer.example"), CancellationToken.None);

        Assert.Equal(["ann@buyer.example", "bob@buyer.example"], sink.Mails.Select(m => Assert.Single(m.RcptTos)));
    }

    [Fact]
    public async Task An_invalid_envelope_address_is_permanent_and_nothing_is_sent()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);

        var failure = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example") with { Recipients = ["not an address"] }, CancellationToken.None));

        Assert.Contains("envelope recipient", failure.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Mails);
    }

    [Fact]
    public async Task A_send_cancelled_by_the_caller_is_cancelled_not_classified()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), cancelled.Token));
    }
}
