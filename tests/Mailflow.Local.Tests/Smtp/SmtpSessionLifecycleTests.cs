using System.Net;
using System.Net.Sockets;
using Mailflow.Local.Smtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>Binding, timeouts, the session limit, receiver failures, graceful and forced shutdown, log redaction.</summary>
public sealed class SmtpSessionLifecycleTests
{
    [Fact]
    public async Task Port_zero_binds_a_free_loopback_port_and_exposes_it()
    {
        await using var smtp = await RunningListener.StartAsync();

        Assert.Equal(IPAddress.Loopback, smtp.EndPoint.Address);
        Assert.NotEqual(0, smtp.EndPoint.Port);
        await using var client = await smtp.ConnectAsync();
        Assert.StartsWith("220 ", client.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_a_port_in_use_fails_with_a_message_that_says_what_to_do()
    {
        await using var smtp = await RunningListener.StartAsync();
        var second = new SmtpListener(new SmtpListenerOptions { Endpoint = smtp.EndPoint }, new RecordingReceiver(), NullLogger<SmtpListener>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync(CancellationToken.None));

        Assert.Contains(smtp.EndPoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("port 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idle_session_is_closed_with_421_4_4_2_after_the_command_timeout()
    {
        await using var smtp = await RunningListener.StartAsync(commandTimeout: TimeSpan.FromSeconds(1));
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");

        var reply = await client.ReadReplyAsync();

        Assert.StartsWith("421 4.4.2", reply, StringComparison.Ordinal);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Session_stalled_in_DATA_is_closed_with_421_4_4_2_after_the_command_timeout()
    {
        await using var smtp = await RunningListener.StartAsync(commandTimeout: TimeSpan.FromSeconds(1));
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");
        await client.SendAsync("Subject: stalled\r\n\r\npart");

        Assert.StartsWith("421 4.4.2", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.True(await client.IsClosedByServerAsync());
        Assert.Empty(smtp.Receiver.Mails);
    }

    [Fact]
    public async Task Connection_over_the_session_limit_is_refused_with_421_4_7_0()
    {
        await using var smtp = await RunningListener.StartAsync(maxSessions: 2);
        await using var first = await smtp.ConnectAsync();
        await using var second = await smtp.ConnectAsync();

        await using (var third = await smtp.ConnectAsync())
        {
            Assert.StartsWith("421 4.7.0", third.Greeting, StringComparison.Ordinal);
            Assert.True(await third.IsClosedByServerAsync());
        }

        Assert.StartsWith("221", await first.CommandAsync("QUIT"), StringComparison.Ordinal);
        await smtp.WaitForActiveSessionsAsync(1);
        await using var fourth = await smtp.ConnectAsync();
        Assert.StartsWith("220", fourth.Greeting, StringComparison.Ordinal);
        Assert.StartsWith("220", first.Greeting, StringComparison.Ordinal);
        Assert.StartsWith("220", second.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_throwing_gets_451_4_3_0_and_the_next_mail_in_the_session_is_delivered()
    {
        await using var smtp = await RunningListener.StartAsync();
        smtp.Receiver.FailNextMessages(1);
        await using var client = await smtp.ConnectAsync();

        await client.BeginMailAsync("a@shop.example", "b@acme.example");
        var failed = await client.CommandAsync("Subject: first\r\n\r\n1\r\n.");
        Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<a@shop.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("RCPT TO:<b@acme.example>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await client.CommandAsync("DATA"), StringComparison.Ordinal);
        var delivered = await client.CommandAsync("Subject: second\r\n\r\n2\r\n.");

        Assert.StartsWith("451 4.3.0", failed, StringComparison.Ordinal);
        Assert.StartsWith("250 2.0.0", delivered, StringComparison.Ordinal);
        Assert.Equal("Subject: second\r\n\r\n2\r\n", Assert.Single(smtp.Receiver.Mails).Text);
    }

    [Fact]
    public async Task Shutdown_lets_a_mail_in_DATA_finish_while_an_idle_session_gets_421_4_3_2()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var sending = await smtp.ConnectAsync();
        await using var idle = await smtp.ConnectAsync();
        await idle.CommandAsync("EHLO idle.example");
        await sending.BeginMailAsync("a@shop.example", "b@acme.example");
        await sending.SendAsync("Subject: in flight\r\n\r\nfirst half\r\n");

        var stop = smtp.Listener.StopAsync(CancellationToken.None);
        Assert.StartsWith("421 4.3.2", await idle.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.True(await idle.IsClosedByServerAsync());
        using (var late = new TcpClient())
        {
            await Assert.ThrowsAnyAsync<SocketException>(() => late.ConnectAsync(smtp.EndPoint));
        }
        Assert.False(stop.IsCompleted);
        await sending.SendAsync("second half\r\n.\r\n");
        var reply = await sending.ReadReplyAsync();
        await stop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("250 2.0.0", reply, StringComparison.Ordinal);
        Assert.Equal("Subject: in flight\r\n\r\nfirst half\r\nsecond half\r\n", Assert.Single(smtp.Receiver.Mails).Text);
        Assert.StartsWith("421 4.3.2", await sending.ReadReplyAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_waits_for_a_mail_inside_the_receiver_and_the_client_gets_its_250()
    {
        await using var smtp = await RunningListener.StartAsync();
        smtp.Receiver.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");
        await client.SendAsync("Subject: slow store\r\n\r\nx\r\n.\r\nQUIT\r\n");
        await smtp.Receiver.MessageEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stop = smtp.Listener.StopAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.False(stop.IsCompleted);
        smtp.Receiver.Gate.SetResult();
        var replies = await client.ReadRepliesAsync(2);
        await stop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("250 2.0.0", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("221 2.0.0", replies[1], StringComparison.Ordinal);
        Assert.Single(smtp.Receiver.Mails);
    }

    [Fact]
    public async Task When_the_stop_token_fires_sessions_still_in_DATA_or_in_the_receiver_get_421_and_close()
    {
        await using var smtp = await RunningListener.StartAsync();
        smtp.Receiver.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var inReceiver = await smtp.ConnectAsync();
        await inReceiver.BeginMailAsync("a@shop.example", "b@acme.example");
        await inReceiver.SendAsync("Subject: stuck\r\n\r\nx\r\n.\r\n");
        await smtp.Receiver.MessageEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var inData = await smtp.ConnectAsync();
        await inData.BeginMailAsync("c@shop.example", "d@acme.example");
        await inData.SendAsync("Subject: half\r\n\r\nhalf");

        using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await smtp.Listener.StopAsync(grace.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("421 4.3.2", await inReceiver.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.True(await inReceiver.IsClosedByServerAsync());
        Assert.StartsWith("421 4.3.2", await inData.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.True(await inData.IsClosedByServerAsync());
        Assert.True(smtp.Receiver.SawCancellation);
        Assert.Empty(smtp.Receiver.Mails);
    }

    [Fact]
    public async Task Logs_carry_addresses_only_redacted()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using (var client = await smtp.ConnectAsync())
        {
            await client.CommandAsync("EHLO client.example");
            await client.CommandAsync("MAIL FROM:<alice.secret@shop.example>");
            await client.CommandAsync("RCPT TO:<bob.hidden@acme.example>");
            await client.CommandAsync("RCPT TO:<unknown.carol@acme.example>");
            await client.CommandAsync("DATA");
            await client.CommandAsync("Subject: Top secret subject\r\n\r\nx\r\n.");
            await client.CommandAsync("QUIT");
        }
        await smtp.Listener.StopAsync(CancellationToken.None);

        var records = smtp.Logger.Collector.GetSnapshot();
        var text = string.Join("\n", records.Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(kv => kv.Value) ?? [])));
        Assert.Contains("a***@shop.example", text, StringComparison.Ordinal);
        Assert.Contains("b***@acme.example", text, StringComparison.Ordinal);
        foreach (var secret in new[] { "alice.secret", "bob.hidden", "unknown.carol", "Top secret" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
