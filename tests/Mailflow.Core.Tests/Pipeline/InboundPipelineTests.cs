using System.Text;
using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Envelopes;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Pipeline;

public class InboundPipelineTests
{
    private static InboundEnvelope Parse(QueueMessage message) =>
        JsonSerializer.Deserialize(message.Body, EnvelopeJsonContext.Envelopes.InboundEnvelope)!;

    [Fact]
    public async Task A_retried_notification_produces_the_same_envelope_ids_and_bytes()
    {
        var pipeline = new TestPipeline();
        var raw = Encoding.UTF8.GetBytes(MailBuilder.WithAttachment("a.pdf", "application/pdf", "%PDF-1.4 test"u8.ToArray()).ReplaceLineEndings("\r\n"));

        await pipeline.ReceiveAsync(raw, ["_app1@example.com"], "ses-retry-1");
        await pipeline.ReceiveAsync(raw, ["_app1@example.com"], "ses-retry-1");

        var messages = pipeline.Queues.Messages("mailflow-local-app1");
        Assert.Equal(2, messages.Count);
        Assert.Equal("ses-retry-1.app1", Parse(messages[0]).Id);
        Assert.Equal(messages[0].Body, messages[1].Body);
        Assert.Equal("ses-retry-1.app1", messages[0].Attributes[EnvelopePublisher.EnvelopeIdAttribute]);
    }

    [Fact]
    public async Task Two_mails_with_the_same_Message_ID_keep_separate_attachments()
    {
        var pipeline = new TestPipeline();
        var first = MailBuilder.WithAttachment("a.pdf", "application/pdf", "%PDF-1.4 first"u8.ToArray(), "<same@sender.example>");
        var second = MailBuilder.WithAttachment("a.pdf", "application/pdf", "%PDF-1.4 second"u8.ToArray(), "<same@sender.example>");

        await pipeline.ReceiveAsync(Encoding.UTF8.GetBytes(first), ["_app1@example.com"], "ses-one");
        await pipeline.ReceiveAsync(Encoding.UTF8.GetBytes(second), ["_app1@example.com"], "ses-two");

        Assert.Equal("%PDF-1.4 first"u8.ToArray(), pipeline.Attachments.Objects["attachments/ses-one/a0"].Content);
        Assert.Equal("%PDF-1.4 second"u8.ToArray(), pipeline.Attachments.Objects["attachments/ses-two/a0"].Content);
    }

    [Fact]
    public async Task A_Bcc_recipient_routes_on_the_envelope_not_the_headers()
    {
        var pipeline = new TestPipeline();

        var result = await pipeline.ReceiveAsync(MailBuilder.Simple(to: "customer@elsewhere.example"), "_app2@example.com");

        var delivery = Assert.Single(result.Deliveries);
        Assert.Equal(("app2", DeliveryOutcome.Delivered), (delivery.App, delivery.Outcome));
        Assert.Equal(["_app2@example.com"], delivery.Envelope!.Envelope.Recipients);
    }

    [Fact]
    public async Task Each_app_sees_only_its_own_envelope_recipients()
    {
        var pipeline = new TestPipeline();

        var result = await pipeline.ReceiveAsync(MailBuilder.Simple(), "_app1@example.com", "_app2+x@example.com");

        Assert.Equal(["_app1@example.com"], result.Deliveries.Single(d => d.App == "app1").Envelope!.Envelope.Recipients);
        Assert.Equal(["_app2+x@example.com"], result.Deliveries.Single(d => d.App == "app2").Envelope!.Envelope.Recipients);
        Assert.Equal("x", result.Deliveries.Single(d => d.App == "app2").Envelope!.MailboxHash);
    }

    [Fact]
    public async Task Unroutable_mail_goes_to_the_catch_all_app_when_configured()
    {
        var config = DefaultConfig.Instance with { Unroutable = new UnroutableConfig { Action = UnroutableConfig.CatchAll, App = "app2" } };
        var pipeline = new TestPipeline(config);

        var result = await pipeline.ReceiveAsync(MailBuilder.Simple(), "nobody@example.com", "_app2@example.com", "_app1@example.com");

        Assert.Equal(["app2", "app1"], result.Deliveries.Select(d => d.App));
        Assert.Equal(["_app2@example.com", "nobody@example.com"], result.Deliveries[0].Envelope!.Envelope.Recipients);
        Assert.Empty(pipeline.Queues.Messages("mailflow-local-quarantine"));
    }

    [Fact]
    public async Task Unroutable_mail_is_quarantined_with_its_reason_in_the_ledger()
    {
        var pipeline = new TestPipeline();

        await pipeline.ReceiveAsync(MailBuilder.Simple(), "_nosuchapp@example.com");

        var message = Assert.Single(pipeline.Queues.Messages("mailflow-local-quarantine"));
        var envelope = Parse(message);
        Assert.Null(envelope.App);
        Assert.Equal("test-message-0001.quarantine", envelope.Id);
        Assert.Equal(ReasonCodes.Unroutable, envelope.Quarantine!.ReasonCode);
        Assert.Equal(ReasonCodes.Unroutable, message.Attributes[EnvelopePublisher.ReasonCodeAttribute]);
        var entry = pipeline.Ledger.Entries.Single(e => e.Event == LedgerEvent.Quarantined);
        Assert.Equal((ReasonCodes.Unroutable, "mailflow-local-quarantine"), (entry.ReasonCode, entry.Queue));
        Assert.Contains("no app has this name", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_over_40_MiB_is_quarantined_with_its_headers_and_body_unread()
    {
        var pipeline = new TestPipeline();
        var header = Encoding.ASCII.GetBytes(MailBuilder.Simple(subject: "Huge scan", body: "").ReplaceLineEndings("\r\n"));
        var raw = new byte[EffectiveLimits.DefaultMaxMessageBytes + 1];
        header.CopyTo(raw, 0);
        raw.AsSpan(header.Length).Fill((byte)'A');

        var result = await pipeline.ReceiveAsync(raw, ["_app1@example.com"]);

        var delivery = Assert.Single(result.Deliveries);
        Assert.Equal((DeliveryOutcome.Quarantined, ReasonCodes.MessageTooLarge), (delivery.Outcome, delivery.ReasonCode));
        Assert.Equal("Huge scan", delivery.Envelope!.Subject);
        Assert.Null(delivery.Envelope.Text);
        Assert.Equal(raw.Length, delivery.Envelope.Raw.Size);
    }

    [Fact]
    public async Task An_app_with_a_smaller_size_limit_quarantines_only_its_own_copy()
    {
        var config = DefaultConfig.Instance with
        {
            Apps = [new AppConfig { Name = "app1", Limits = new LimitsConfig { MaxMessageBytes = 1024 } }, new AppConfig { Name = "app2" }],
        };
        var pipeline = new TestPipeline(config);

        var result = await pipeline.ReceiveAsync(MailBuilder.Simple(body: new string('x', 4000)), "_app1@example.com", "_app2@example.com");

        Assert.Equal(DeliveryOutcome.Quarantined, result.Deliveries.Single(d => d.App == "app1").Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, result.Deliveries.Single(d => d.App == "app2").Outcome);
    }

    [Fact]
    public async Task An_envelope_over_the_queue_limit_is_claim_checked_not_truncated()
    {
        var pipeline = new TestPipeline();
        var body = string.Concat(Enumerable.Repeat("A line of a long report.\n", 20_000));

        await pipeline.ReceiveAsync(MailBuilder.Simple(body: body), "_app1@example.com");

        var message = Assert.Single(pipeline.Queues.Messages("mailflow-local-app1"));
        Assert.True(Encoding.UTF8.GetByteCount(message.Body) <= EffectiveLimits.DefaultMaxEnvelopeBytes);
        var queued = Parse(message);
        Assert.Null(queued.Text);
        Assert.Equal("envelopes/test-message-0001.app1.json", queued.ClaimCheck!.StorageKey);
        var stored = JsonSerializer.Deserialize(pipeline.Attachments.Objects[queued.ClaimCheck.StorageKey].Content, EnvelopeJsonContext.Envelopes.InboundEnvelope)!;
        Assert.Equal(body.TrimEnd(), stored.Text!.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal(queued.ClaimCheck.Size, pipeline.Attachments.Objects[queued.ClaimCheck.StorageKey].Content.Length);
    }

    [Fact]
    public async Task A_rejected_mail_gets_no_envelope_and_a_ledger_entry_with_the_reason()
    {
        var pipeline = new TestPipeline();

        var result = await pipeline.ReceiveAsync(Encoding.UTF8.GetBytes(MailBuilder.Simple()), ["_app1@example.com"],
            verdicts: ReceiptVerdicts.AllPass with { Virus = "FAIL" });

        Assert.Equal(DeliveryOutcome.Rejected, Assert.Single(result.Deliveries).Outcome);
        Assert.Empty(pipeline.Queues.Messages("mailflow-local-app1"));
        Assert.Empty(pipeline.Queues.Messages("mailflow-local-quarantine"));
        Assert.Equal([LedgerEvent.Received, LedgerEvent.Rejected], pipeline.Ledger.Entries.Select(e => e.Event));
        Assert.Equal("verdict-virus-fail", pipeline.Ledger.Entries[1].ReasonCode);
    }

    [Fact]
    public async Task Blocked_attachments_are_listed_but_never_stored()
    {
        var pipeline = new TestPipeline();
        var raw = MailBuilder.WithAttachment("setup.exe", "application/octet-stream", "MZ\x90\0 binary"u8.ToArray());

        var result = await pipeline.ReceiveAsync(raw, "_app1@example.com");

        var attachment = Assert.Single(result.Deliveries.Single().Envelope!.Attachments);
        Assert.Equal((EnvelopeAttachment.Blocked, ReasonCodes.BlockedExtension), (attachment.Status, attachment.Reason));
        Assert.Null(attachment.StorageKey);
        Assert.Null(attachment.Url);
        Assert.Empty(pipeline.Attachments.Objects);
    }

    [Theory]
    [InlineData("quarantine", DeliveryOutcome.Quarantined)]
    [InlineData("reject", DeliveryOutcome.Rejected)]
    [InlineData("strip", DeliveryOutcome.Delivered)]
    public async Task The_attachment_violation_setting_decides_the_mail_outcome(string setting, DeliveryOutcome expected)
    {
        var config = DefaultConfig.Instance with
        {
            Apps = [new AppConfig { Name = "app1", Limits = new LimitsConfig { OnAttachmentViolation = setting } }],
        };
        var pipeline = new TestPipeline(config);

        var result = await pipeline.ReceiveAsync(MailBuilder.WithAttachment("report.pdf", "application/pdf", "not a pdf"u8.ToArray()), "_app1@example.com");

        var delivery = Assert.Single(result.Deliveries);
        Assert.Equal(expected, delivery.Outcome);
        Assert.Equal(setting == "strip" ? null : ReasonCodes.AttachmentBlocked, delivery.ReasonCode);
    }

    [Fact]
    public async Task Attachment_links_are_valid_for_their_lifetime_and_not_after()
    {
        var pipeline = new TestPipeline();

        var result = await pipeline.ReceiveAsync(MailBuilder.WithAttachment("a.pdf", "application/pdf", "%PDF-1.4"u8.ToArray()), "_app1@example.com");

        var attachment = result.Deliveries.Single().Envelope!.Attachments.Single();
        Assert.Equal(TestPipeline.Now.AddHours(168), attachment.UrlExpiresAt);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(attachment.Url!).Query);
        var expires = long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pipeline.Links.IsValid(attachment.Id, expires, query["token"]!));
        Assert.False(pipeline.Links.IsValid("other-id", expires, query["token"]!));
        pipeline.Time.Advance(TimeSpan.FromHours(168) + TimeSpan.FromSeconds(1));
        Assert.False(pipeline.Links.IsValid(attachment.Id, expires, query["token"]!));
    }

    [Fact]
    public async Task Missing_raw_mail_is_an_error_the_platform_retries_not_an_outcome()
    {
        var pipeline = new TestPipeline();

        await Assert.ThrowsAsync<RawMailNotFoundException>(() =>
            pipeline.Pipeline.ProcessAsync(TestPipeline.Notification("never-stored", ["_app1@example.com"]), CancellationToken.None));
        Assert.Empty(pipeline.Ledger.Entries);
    }

    [Fact]
    public async Task Every_outcome_is_recorded_in_the_ledger()
    {
        var pipeline = new TestPipeline();

        await pipeline.ReceiveAsync(MailBuilder.Simple(), "_app1@example.com", "_app2@example.com", "stranger@example.com");

        Assert.Equal([LedgerEvent.Received, LedgerEvent.Routed, LedgerEvent.Routed, LedgerEvent.Quarantined], pipeline.Ledger.Entries.Select(e => e.Event));
        Assert.Equal(["mailflow-local-app1", "mailflow-local-app2", "mailflow-local-quarantine"], pipeline.Ledger.Entries.Skip(1).Select(e => e.Queue));
    }

    [Fact]
    public async Task A_notification_without_verdicts_is_quarantined_not_accepted()
    {
        var pipeline = new TestPipeline();
        var notification = TestPipeline.Notification("ses-no-verdicts", ["_app1@example.com"]);
        notification.Receipt.VirusVerdict = null;
        notification.Receipt.SpamVerdict = new Core.Ses.SesVerdict(null!);
        pipeline.RawMail.Put(notification.Receipt.Action.ObjectKey, Encoding.UTF8.GetBytes(MailBuilder.Simple()));

        var result = await pipeline.Pipeline.ProcessAsync(notification, CancellationToken.None);

        var delivery = Assert.Single(result.Deliveries);
        Assert.Equal((DeliveryOutcome.Quarantined, "verdict-virus-missing"), (delivery.Outcome, delivery.ReasonCode));
        Assert.Equal("MISSING", delivery.Envelope!.Verdicts.Spam);
    }

    [Fact]
    public async Task A_claim_checked_envelope_with_enormous_headers_still_fits_the_queue()
    {
        var pipeline = new TestPipeline();
        var subject = string.Concat(Enumerable.Repeat("very long subject ", 20_000));

        await pipeline.ReceiveAsync(MailBuilder.Simple(subject: subject, body: "short"), "_app1@example.com");

        var message = Assert.Single(pipeline.Queues.Messages("mailflow-local-app1"));
        Assert.True(Encoding.UTF8.GetByteCount(message.Body) <= EffectiveLimits.DefaultMaxEnvelopeBytes);
        var queued = Parse(message);
        Assert.Null(queued.Subject);
        var stored = JsonSerializer.Deserialize(pipeline.Attachments.Objects[queued.ClaimCheck!.StorageKey].Content, EnvelopeJsonContext.Envelopes.InboundEnvelope)!;
        Assert.Equal(subject.TrimEnd(), stored.Subject!.TrimEnd());
    }
}
