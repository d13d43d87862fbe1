using System.Text.Json.Nodes;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Ses;

/// <summary>
/// SES v2 SendEmail with raw content against aws-ses-v2-local: what arrives is the composed mail, intact. The emulator
/// parses the raw MIME; it ignores Destination and the configuration set for raw content (see <see cref="SesEmulator"/>),
/// so those are checked on the wire in <see cref="SesV2MailSenderRequestTests"/>.
/// </summary>
[Collection(SesEmulatorCollection.Name)]
public sealed class SesV2MailSenderEmulatorTests(SesEmulator emulator)
{
    [Fact]
    public async Task A_composed_mail_arrives_with_its_sender_recipients_subject_bodies_and_attachment_bytes()
    {
        using var ses = new SenderUnderTest(emulator.Endpoint);

        var sent = await ses.Sender.SendAsync(SesMails.Invoice("out-emu-1", "audit@shop.example"), CancellationToken.None);

        var stored = await emulator.StoredAsync(sent.ProviderMessageId);
        Assert.Equal("\"Shop Billing\" <billing@shop.example>", (string?)stored["from"]);
        Assert.Equal(["\"Ann Buyer\" <ann@buyer.example>"], Strings(stored["destination"]!["to"]));
        Assert.Equal(["ap@buyer.example"], Strings(stored["destination"]!["cc"]));
        // The Bcc recipient is in the envelope only: no header names it, so the emulator, which reads headers, shows none.
        Assert.Empty(Strings(stored["destination"]!["bcc"]));
        Assert.Equal(SesMails.Subject, (string?)stored["subject"]);
        Assert.Equal("Please find invoice 42 attached.\nGrüße, Влад\n", ((string?)stored["body"]!["text"])?.ReplaceLineEndings("\n"));
        Assert.Contains("<b>42</b>", (string?)stored["body"]!["html"], StringComparison.Ordinal);
        var attachment = Assert.Single(stored["attachments"]!.AsArray());
        Assert.Equal("invoice-42.pdf", (string?)attachment!["filename"]);
        Assert.Equal("application/pdf", (string?)attachment["contentType"]);
        Assert.Equal(SesMails.PdfBytes, Convert.FromBase64String((string)attachment["content"]!));
    }

    [Fact]
    public async Task The_SES_message_id_is_returned_and_the_rewritten_Message_ID_comes_last()
    {
        using var ses = new SenderUnderTest(emulator.Endpoint, region: "eu-west-1");

        var sent = await ses.Sender.SendAsync(SesMails.Invoice("out-emu-2"), CancellationToken.None);

        Assert.StartsWith("ses-", sent.ProviderMessageId, StringComparison.Ordinal);
        Assert.Equal([SesMails.MessageId, $"{sent.ProviderMessageId}@eu-west-1.amazonses.com"], sent.MessageIds);
        Assert.NotNull(await emulator.StoredAsync(sent.ProviderMessageId));
    }

    [Fact]
    public async Task A_mail_with_a_configuration_set_is_accepted()
    {
        using var ses = new SenderUnderTest(emulator.Endpoint, configurationSet: "mailflow-prod");

        var sent = await ses.Sender.SendAsync(SesMails.Invoice("out-emu-3"), CancellationToken.None);

        Assert.Equal(SesMails.Subject, (string?)(await emulator.StoredAsync(sent.ProviderMessageId))["subject"]);
    }

    [Fact]
    public async Task The_log_names_the_mail_and_the_SES_id_but_no_address()
    {
        using var ses = new SenderUnderTest(emulator.Endpoint);

        var sent = await ses.Sender.SendAsync(SesMails.Invoice("out-emu-4", "audit@shop.example"), CancellationToken.None);

        var record = Assert.Single(ses.Logger.Collector.GetSnapshot());
        Assert.Equal(3400, record.Id.Id);
        Assert.Contains("out-emu-4", record.Message, StringComparison.Ordinal);
        Assert.Contains(sent.ProviderMessageId, record.Message, StringComparison.Ordinal);
        Assert.Contains("to 3 recipients", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("@", record.Message.Replace(sent.ProviderMessageId, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static string[] Strings(JsonNode? array) => [.. (array?.AsArray() ?? []).Select(n => (string)n!)];
}
