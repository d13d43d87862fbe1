using System.Text.Json;
using Mailflow.Local.Outbound;
using Mailflow.Local.Storage;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Mailflow.Local.Tests.Outbound;

public sealed class CaptureMailSenderTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly DataDirectory _data = new(Directory.CreateTempSubdirectory("mailflow-outbox-").FullName);
    private readonly FakeTimeProvider _clock = new(s_now);
    private readonly FakeLogger<CaptureMailSender> _logger = new();
    private readonly CaptureMailSender _sender;

    public CaptureMailSenderTests() => _sender = new CaptureMailSender(_data, _clock, _logger);

    public void Dispose() => Directory.Delete(_data.Root, recursive: true);

    [Fact]
    public async Task A_captured_mail_is_its_MIME_without_Bcc_plus_its_envelope_in_the_outbox()
    {
        var mail = Mails.Invoice("out-0001", "audit@shop.example");
        mail.Message.Bcc.Add(new MailboxAddress("", "audit@shop.example")); // a composer slip: still never written

        var sent = await _sender.SendAsync(mail, CancellationToken.None);

        Assert.Equal("capture:out-0001", sent.ProviderMessageId);
        Assert.Equal(["inv42.x7@shop.example"], sent.MessageIds);
        var eml = await File.ReadAllBytesAsync(Path.Combine(_data.Outbox, "out-0001.eml"));
        var text = System.Text.Encoding.UTF8.GetString(eml);
        Assert.DoesNotContain("audit@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var message = MimeMessage.Load(new MemoryStream(eml));
        Assert.Equal("Invoice 42 – Grüße", message.Subject);
        Assert.Equal("inv42.x7@Shop.Example", message.MessageId);
        Assert.Equal("invoice-42.pdf", Assert.Single(message.Attachments).ContentDisposition!.FileName);
        using var envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_data.Outbox, "out-0001.envelope.json")));
        Assert.Equal(Mails.From, envelope.RootElement.GetProperty("envelopeFrom").GetString());
        Assert.Equal(["ann@buyer.example", "ap@buyer.example", "audit@shop.example"],
            envelope.RootElement.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(s_now, envelope.RootElement.GetProperty("capturedAt").GetDateTimeOffset());
        Assert.Equal(["out-0001.eml", "out-0001.envelope.json"], Directory.GetFiles(_data.Outbox).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.DoesNotContain("ann@", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Invoice", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_the_same_mail_id_again_replaces_both_files_and_leaves_nothing_else()
    {
        await _sender.SendAsync(Mails.Simple("out-7", Mails.From, "ann@buyer.example"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = Mails.Simple("out-7", Mails.From, "bob@buyer.example");
        second.Message.Subject = "Second attempt";

        await _sender.SendAsync(second, CancellationToken.None);

        Assert.Equal(["out-7.eml", "out-7.envelope.json"], Directory.GetFiles(_data.Outbox).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var message = MimeMessage.Load(new MemoryStream(await File.ReadAllBytesAsync(Path.Combine(_data.Outbox, "out-7.eml"))));
        Assert.Equal("Second attempt", message.Subject);
        using var envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_data.Outbox, "out-7.envelope.json")));
        Assert.Equal("bob@buyer.example", Assert.Single(envelope.RootElement.GetProperty("recipients").EnumerateArray()).GetString());
        Assert.Equal(s_now.AddMinutes(5), envelope.RootElement.GetProperty("capturedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_cancelled_capture_leaves_no_file_behind()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _sender.SendAsync(Mails.Invoice("out-9"), cancelled.Token));

        Assert.True(!Directory.Exists(_data.Outbox) || Directory.GetFiles(_data.Outbox).Length == 0);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task A_mail_id_that_is_no_file_name_is_refused(string mailId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _sender.SendAsync(Mails.Simple("x", Mails.From, "ann@buyer.example") with { MailId = mailId }, CancellationToken.None));

        Assert.False(Directory.Exists(_data.Outbox) && Directory.EnumerateFileSystemEntries(_data.Outbox).Any());
    }
}
