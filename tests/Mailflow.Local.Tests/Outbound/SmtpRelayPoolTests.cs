using Mailflow.Local.Outbound;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>The relay sender's connection pool: reuse, idle expiry, shutdown.</summary>
public sealed class SmtpRelayPoolTests
{
    [Fact]
    public async Task A_connection_idle_longer_than_MaxIdleTime_is_replaced_and_a_fresher_one_reused()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port, time: clock,
            options: new SmtpRelaySenderOptions { Timeout = TimeSpan.FromSeconds(10), MaxIdleTime = TimeSpan.FromSeconds(60) });

        await relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(59));
        await relay.Sender.SendAsync(Mails.Simple("out-2", Mails.From, "ann@buyer.example"), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(61));
        await relay.Sender.SendAsync(Mails.Simple("out-3", Mails.From, "ann@buyer.example"), CancellationToken.None);

        var peers = sink.Mails.Select(m => m.Peer).ToList();
        Assert.Equal(peers[0], peers[1]);
        Assert.NotEqual(peers[1], peers[2]);
    }

    [Fact]
    public async Task A_disposed_sender_refuses_to_send()
    {
        await using var sink = await SmtpSink.StartAsync();
        var relay = new RelayUnderTest(sink.Port);
        await relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None);

        await relay.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-2", Mails.From, "ann@buyer.example"), CancellationToken.None));
        Assert.Single(sink.Mails);
    }
}
