using System.Text;
using System.Text.Json;
using Mailflow.Core.Operations;
using Mailflow.Core.Ses;
using Mailflow.Local.Inbound;
using Mailflow.Local.Smtp;
using Mailflow.Local.Tests.Queues.Support;
using Mailflow.Local.Tests.Smtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Local.Tests.Operations;

public class LocalMailArchiveTests
{
    private const string Inbound = "mailflow-local-inbound";
    private const string Mime = "From: sender@client.example\r\nTo: _app1@example.com\r\nSubject: hello\r\n\r\nbody\r\n";

    [Fact]
    public async Task A_mail_received_over_SMTP_can_be_downloaded_and_replays_as_the_same_notification()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        var mailId = await SendOverSmtpAsync(context, "sender@client.example", "_app1@example.com", "_app2@example.com");
        var original = await context.Engine.ReceiveOneAsync(Inbound);
        await context.Engine.DeleteAsync(Inbound, original.ReceiptHandle, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromDays(1));

        var replayed = await context.Archive.ReplayAsync(mailId, CancellationToken.None);
        await using var raw = await context.Archive.OpenRawAsync(mailId, CancellationToken.None);

        Assert.True(replayed);
        var again = Assert.Single(await context.Engine.PeekAsync(Inbound));
        Assert.Equal(original.Body, again.Body);
        var notification = JsonSerializer.Deserialize(again.Body, SesJsonContext.Default.SesReceiptNotification)!;
        Assert.Equal((mailId, "sender@client.example", LocalOperationsContext.Start), (notification.Mail.MessageId, notification.Mail.Source, notification.Mail.Timestamp));
        Assert.Equal(["_app1@example.com", "_app2@example.com"], notification.Receipt.Recipients);
        Assert.Equal(Mime, await new StreamReader(raw!).ReadToEndAsync());
    }

    [Theory]
    [InlineData("0195f6d2c0a07b3c9d1e2f3a4b5c6d7e")]
    [InlineData("../link-signing.key")]
    [InlineData("x")]
    [InlineData("")]
    public async Task An_id_that_names_no_stored_mail_is_neither_downloaded_nor_replayed(string mailId)
    {
        await using var context = await LocalOperationsContext.StartAsync();

        Assert.Null(await context.Archive.OpenRawAsync(mailId, CancellationToken.None));
        Assert.False(await context.Archive.ReplayAsync(mailId, CancellationToken.None));
        Assert.Empty(await context.Engine.PeekAsync(Inbound));
    }

    [Fact]
    public async Task A_mail_whose_write_was_interrupted_is_neither_downloaded_nor_replayed()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        const string mailId = "0195f6d2c0a07b3c9d1e2f3a4b5c6d7e";
        var path = context.Data.PathOf(LocalSmtpReceiver.RawKey(mailId));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "From: half"); // no envelope: the crash came before it, and no 250 was sent

        Assert.Null(await context.Archive.OpenRawAsync(mailId, CancellationToken.None));
        Assert.False(await context.Archive.ReplayAsync(mailId, CancellationToken.None));
    }

    [Fact]
    public async Task An_injected_mail_is_stored_and_queued_as_SMTP_would_and_its_id_is_returned()
    {
        await using var context = await LocalOperationsContext.StartAsync();

        var mailId = await context.Archive.InjectAsync(new MemoryStream(Encoding.UTF8.GetBytes(Mime)), "ops@client.example", ["_app1@EXAMPLE.com"], CancellationToken.None);

        var notification = JsonSerializer.Deserialize(Assert.Single(await context.Engine.PeekAsync(Inbound)).Body, SesJsonContext.Default.SesReceiptNotification)!;
        Assert.Equal((mailId, "ops@client.example"), (notification.Mail.MessageId, notification.Mail.Source));
        Assert.Equal(["_app1@EXAMPLE.com"], notification.Receipt.Recipients);
        Assert.Equal(LocalSmtpReceiver.RawKey(mailId), notification.Receipt.Action.ObjectKey);
        await using var raw = await context.Archive.OpenRawAsync(mailId, CancellationToken.None);
        Assert.Equal(Mime, await new StreamReader(raw!).ReadToEndAsync());
    }

    [Theory]
    [InlineData(InboundState.Disabled, "550 5.7.1", "Inbound mail is disabled here; message rejected")]
    [InlineData(InboundState.Paused, "451 4.3.2", "Inbound mail is paused here; please try again later")]
    public async Task Injection_is_refused_with_the_reply_SMTP_gives_while_inbound_is_switched_off(InboundState state, string code, string text)
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await context.State.WriteAsync(state, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<MailRefusedException>(() =>
            context.Archive.InjectAsync(new MemoryStream(Encoding.UTF8.GetBytes(Mime)), "ops@client.example", ["_app1@example.com"], CancellationToken.None));

        Assert.Equal((code, text), (refused.Code, refused.Message));
        Assert.Equal(state == InboundState.Paused, refused.IsTransient);
        await AssertNothingReceivedAsync(context);
    }

    [Theory]
    [InlineData("ops@client.example", new[] { "_app1@elsewhere.example" }, "550 5.1.1")]
    [InlineData("ops@client.example", new[] { "_app1@example.com", "someone@elsewhere.example" }, "550 5.1.1")]
    [InlineData("ops@client.example", new[] { "not an address" }, "501 5.1.3")]
    [InlineData("no at sign", new[] { "_app1@example.com" }, "501 5.1.7")]
    [InlineData("ops@client.example", new string[0], "503 5.5.1")]
    [InlineData("ops@client.example", new[] { "a@example.com", "b@example.com", "c@example.com", "d@example.com" }, "452 4.5.3")]
    public async Task Injection_with_an_envelope_SMTP_would_refuse_is_refused_with_that_reply(string mailFrom, string[] recipients, string code)
    {
        await using var context = await LocalOperationsContext.StartAsync();

        var refused = await Assert.ThrowsAsync<MailRefusedException>(() =>
            context.Archive.InjectAsync(new MemoryStream(Encoding.UTF8.GetBytes(Mime)), mailFrom, recipients, CancellationToken.None));

        Assert.Equal(code, refused.Code);
        await AssertNothingReceivedAsync(context);
    }

    [Fact]
    public async Task Injection_of_a_mail_over_the_size_limit_is_refused_with_552()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        var big = Mime + new string('x', (int)context.ListenerOptions.MaxMessageBytes);

        var refused = await Assert.ThrowsAsync<MailRefusedException>(() =>
            context.Archive.InjectAsync(new MemoryStream(Encoding.UTF8.GetBytes(big)), "ops@client.example", ["_app1@example.com"], CancellationToken.None));

        Assert.Equal(("552 5.3.4", "Message too big for system"), (refused.Code, refused.Message));
        await AssertNothingReceivedAsync(context);
    }

    [Fact]
    public async Task Injection_accepts_the_null_sender_of_bounces()
    {
        await using var context = await LocalOperationsContext.StartAsync();

        var mailId = await context.Archive.InjectAsync(new MemoryStream(Encoding.UTF8.GetBytes(Mime)), "", ["_app1@example.com"], CancellationToken.None);

        Assert.NotNull(await context.Archive.OpenRawAsync(mailId, CancellationToken.None));
    }

    private static async Task AssertNothingReceivedAsync(LocalOperationsContext context)
    {
        Assert.Empty(await context.Engine.PeekAsync(Inbound));
        Assert.Empty(context.RawMail.List(LocalSmtpReceiver.RawKeyPrefix));
    }

    /// <summary>Sends <see cref="Mime"/> through a real SMTP listener on the context's receiver; returns the mail id of its 250 reply.</summary>
    private static async Task<string> SendOverSmtpAsync(LocalOperationsContext context, string from, params string[] recipients)
    {
        await using var listener = new SmtpListener(context.ListenerOptions, context.Receiver, NullLogger<SmtpListener>.Instance, context.Clock);
        await listener.StartAsync(CancellationToken.None);
        await using var client = await RawSmtpClient.ConnectAsync(listener.LocalEndPoint);
        await client.BeginMailAsync(from, recipients);
        var reply = await client.CommandAsync(Mime + ".");
        Assert.StartsWith("250 2.0.0 Ok: queued as ", reply, StringComparison.Ordinal);
        return reply["250 2.0.0 Ok: queued as ".Length..];
    }
}
