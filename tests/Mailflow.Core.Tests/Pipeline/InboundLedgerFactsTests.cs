using System.Text;
using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;
using Mailflow.Core.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace Mailflow.Core.Tests.Pipeline;

/// <summary>
/// What the inbound pipeline writes for the API to show: each outcome entry carries the mail's facts (sender, envelope
/// recipients, subject), and exactly one entry per mail, the last, carries the latency since SES received it.
/// </summary>
public class InboundLedgerFactsTests
{
    private const string SesId = "ses-facts-1";
    private static readonly TimeSpan s_sinceReceipt = TimeSpan.FromSeconds(3);

    /// <summary>Runs the pipeline on a mail SES received <see cref="s_sinceReceipt"/> before the pipeline's clock.</summary>
    private static async Task<IReadOnlyList<LedgerEntry>> ReceiveAsync(TestPipeline pipeline, byte[] raw, IReadOnlyList<string> recipients,
        ReceiptVerdicts? verdicts = null, string mailFrom = "bounce+ann@sender.example")
    {
        var notification = SesNotificationFactory.Create(SesId, TestPipeline.Now - s_sinceReceipt, mailFrom, recipients,
            new RawMailLocation(TestPipeline.Bucket, $"raw/{SesId}"), verdicts ?? ReceiptVerdicts.AllPass);
        pipeline.RawMail.Put(notification.Receipt.Action.ObjectKey, raw);
        await pipeline.Pipeline.ProcessAsync(notification, CancellationToken.None);
        return [.. pipeline.Ledger.Entries.Where(e => e.MailId == SesId)];
    }

    private static byte[] Bytes(string mail) => Encoding.UTF8.GetBytes(mail.ReplaceLineEndings("\r\n"));

    [Fact]
    public async Task Every_outcome_entry_carries_the_From_header_the_envelope_recipients_Bcc_included_and_the_decoded_subject()
    {
        var pipeline = new TestPipeline();
        var raw = MailBuilder.Simple(to: "_app1@example.com", subject: "=?UTF-8?B?0J/RgNC40LLQtdGCIPCfkYs=?=");

        var entries = await ReceiveAsync(pipeline, Bytes(raw), ["_app1@example.com", "_app2@example.com", "stranger@example.com"]);

        var outcomes = entries.Where(e => e.Event != LedgerEvent.Received).ToList();
        Assert.Equal([LedgerEvent.Routed, LedgerEvent.Routed, LedgerEvent.Quarantined], outcomes.Select(e => e.Event));
        Assert.All(outcomes, entry => FactsAssert.Equal(
            new MailFacts(ThreadEntry.Inbound, "ann@sender.example", ["_app1@example.com", "_app2@example.com", "stranger@example.com"], "Привет 👋"),
            entry.Facts));
    }

    [Fact]
    public async Task A_mail_without_a_From_header_names_its_envelope_sender()
    {
        var pipeline = new TestPipeline();
        var raw = "To: _app1@example.com\nSubject: No from\nMessage-ID: <nf@sender.example>\n\nbody\n";

        var entries = await ReceiveAsync(pipeline, Bytes(raw), ["_app1@example.com"], mailFrom: "bounce+ann@sender.example");

        var routed = Assert.Single(entries, e => e.Event == LedgerEvent.Routed);
        Assert.Equal(("bounce+ann@sender.example", "No from"), (routed.Facts!.From, routed.Facts.Subject));
    }

    [Fact]
    public async Task A_mail_routed_to_three_destinations_is_one_latency_sample_on_its_last_entry()
    {
        var pipeline = new TestPipeline();

        var entries = await ReceiveAsync(pipeline, Bytes(MailBuilder.Simple()), ["_app1@example.com", "_app2@example.com", "stranger@example.com"]);

        Assert.Equal([null, null, null, s_sinceReceipt], entries.Select(e => e.Latency));
        Assert.Equal(LedgerEvent.Quarantined, entries[^1].Event);
    }

    [Fact]
    public async Task A_rejected_mail_carries_its_facts_and_its_latency()
    {
        var pipeline = new TestPipeline();

        var entries = await ReceiveAsync(pipeline, Bytes(MailBuilder.Simple()), ["_app1@example.com"], ReceiptVerdicts.AllPass with { Virus = "FAIL" });

        var rejected = Assert.Single(entries, e => e.Event == LedgerEvent.Rejected);
        Assert.Equal((s_sinceReceipt, "ann@sender.example"), (rejected.Latency, rejected.Facts!.From));
        Assert.Single(entries, e => e.Latency is not null);
    }

    [Fact]
    public async Task A_mail_over_the_size_limit_is_quarantined_with_the_facts_of_its_headers_and_its_latency()
    {
        var pipeline = new TestPipeline(DefaultConfig.Instance with { Limits = new LimitsConfig { MaxMessageBytes = 512 } });
        var raw = MailBuilder.Simple(subject: "Huge scan", body: new string('A', 2048));

        var entries = await ReceiveAsync(pipeline, Bytes(raw), ["_app1@example.com"]);

        var quarantined = Assert.Single(entries, e => e.Event == LedgerEvent.Quarantined);
        Assert.Equal(ReasonCodes.MessageTooLarge, quarantined.ReasonCode);
        Assert.Equal(s_sinceReceipt, quarantined.Latency);
        FactsAssert.Equal(new MailFacts(ThreadEntry.Inbound, "ann@sender.example", ["_app1@example.com"], "Huge scan"), quarantined.Facts);
        Assert.Single(entries, e => e.Latency is not null);
    }

    [Fact]
    public async Task An_empty_mail_is_quarantined_with_the_envelope_sender_as_its_facts_and_its_latency()
    {
        var pipeline = new TestPipeline();

        var entries = await ReceiveAsync(pipeline, [], ["_app1@example.com"], mailFrom: "someone@sender.example");

        var quarantined = Assert.Single(entries, e => e.Event == LedgerEvent.Quarantined);
        Assert.Equal((ReasonCodes.EmptyMessage, s_sinceReceipt), (quarantined.ReasonCode, quarantined.Latency));
        FactsAssert.Equal(new MailFacts(ThreadEntry.Inbound, "someone@sender.example", ["_app1@example.com"], null), quarantined.Facts);
    }

    [Fact]
    public async Task A_replayed_notification_is_timed_from_when_it_was_queued_again_not_from_the_first_receipt()
    {
        var pipeline = new TestPipeline();
        var notification = TestPipeline.Notification(SesId, ["_app1@example.com"]);
        notification.Mail.Timestamp = TestPipeline.Now.AddDays(-3);
        pipeline.RawMail.Put(notification.Receipt.Action.ObjectKey, Bytes(MailBuilder.Simple()));

        await pipeline.Pipeline.ProcessAsync(notification, TestPipeline.Now.AddSeconds(-2), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(pipeline.Ledger.Entries, e => e.Event == LedgerEvent.Routed).Latency);
    }

    [Fact]
    public async Task A_first_delivery_is_timed_from_its_queueing_which_follows_SES_s_receipt()
    {
        var pipeline = new TestPipeline();
        var notification = TestPipeline.Notification(SesId, ["_app1@example.com"]);
        notification.Mail.Timestamp = TestPipeline.Now.AddSeconds(-5);
        pipeline.RawMail.Put(notification.Receipt.Action.ObjectKey, Bytes(MailBuilder.Simple()));

        await pipeline.Pipeline.ProcessAsync(notification, TestPipeline.Now.AddSeconds(-4), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(4), Assert.Single(pipeline.Ledger.Entries, e => e.Event == LedgerEvent.Routed).Latency);
    }

    [Fact]
    public async Task A_receipt_clock_ahead_of_the_worker_counts_as_no_latency_not_a_negative_one()
    {
        var pipeline = new TestPipeline();
        var notification = TestPipeline.Notification(SesId, ["_app1@example.com"]);
        notification.Mail.Timestamp = TestPipeline.Now.AddSeconds(2);
        pipeline.RawMail.Put(notification.Receipt.Action.ObjectKey, Bytes(MailBuilder.Simple()));

        await pipeline.Pipeline.ProcessAsync(notification, CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, Assert.Single(pipeline.Ledger.Entries, e => e.Event == LedgerEvent.Routed).Latency);
    }

    [Fact]
    public async Task The_counters_of_a_mail_routed_to_two_apps_are_one_received_one_routed_per_app_and_one_latency_sample()
    {
        var pipeline = new TestPipeline();

        var entries = await ReceiveAsync(pipeline, Bytes(MailBuilder.Simple()), ["_app1@example.com", "_app2@example.com"]);

        var counters = entries.SelectMany(LedgerMetrics.CountersOf).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var latencyCounter = LedgerMetrics.LatencyPrefix + LatencyHistogram.BucketOf(s_sinceReceipt);
        Assert.Equal(new Dictionary<(string, string), int>
        {
            [(LedgerMetrics.Received, "")] = 1,
            [(LedgerMetrics.Routed, "app1")] = 1,
            [(LedgerMetrics.Routed, "app2")] = 1,
            [(latencyCounter, "")] = 1,
        }, counters);
    }

    [Fact]
    public async Task A_notification_whose_raw_mail_is_gone_is_recorded_dead_lettered_on_its_mail_with_the_DLQ_and_reason()
    {
        var pipeline = new TestPipeline();
        var processor = new QueueBatchProcessor(new InboundRecordHandler(pipeline.Pipeline), pipeline.Queues, "mailflow-local-inbound", 3, pipeline.Time,
            new FakeLogger<QueueBatchProcessor>());
        var body = JsonSerializer.Serialize(TestPipeline.Notification("ses-gone", ["_app1@example.com"]), SesJsonContext.Default.SesReceiptNotification);

        await processor.ProcessAsync([new QueueRecord("m-gone", body, 1)], CancellationToken.None);

        Assert.Single(pipeline.Queues.Messages("mailflow-local-inbound-dlq"));
        var entry = Assert.Single(pipeline.Ledger.Entries);
        Assert.Equal(("ses-gone", LedgerEvent.DeadLettered, "mailflow-local-inbound-dlq", DeadLetterAttributes.Permanent),
            (entry.MailId, entry.Event, entry.Queue, entry.ReasonCode));
        Assert.Contains("No raw mail", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_no_notification_is_dead_lettered_without_a_ledger_entry()
    {
        var pipeline = new TestPipeline();
        var processor = new QueueBatchProcessor(new InboundRecordHandler(pipeline.Pipeline), pipeline.Queues, "mailflow-local-inbound", 3, pipeline.Time,
            new FakeLogger<QueueBatchProcessor>());

        var result = await processor.ProcessAsync([new QueueRecord("m-bad", "not json", 1)], CancellationToken.None);

        Assert.Empty(result.FailedMessageIds);
        Assert.Single(pipeline.Queues.Messages("mailflow-local-inbound-dlq"));
        Assert.Empty(pipeline.Ledger.Entries);
    }

    [Fact]
    public async Task A_ledger_failure_while_recording_the_dead_letter_keeps_the_dead_letter_and_finishes_the_record()
    {
        FlakyLedger? flaky = null;
        var pipeline = new TestPipeline(ledger: inner => flaky = new FlakyLedger(inner));
        flaky!.FailNext(LedgerEvent.DeadLettered);
        var processor = new QueueBatchProcessor(new InboundRecordHandler(pipeline.Pipeline), pipeline.Queues, "mailflow-local-inbound", 3, pipeline.Time,
            new FakeLogger<QueueBatchProcessor>());
        var body = JsonSerializer.Serialize(TestPipeline.Notification("ses-gone", ["_app1@example.com"]), SesJsonContext.Default.SesReceiptNotification);

        var result = await processor.ProcessAsync([new QueueRecord("m-gone", body, 1)], CancellationToken.None);

        Assert.Empty(result.FailedMessageIds);
        Assert.Single(pipeline.Queues.Messages("mailflow-local-inbound-dlq"));
        Assert.Empty(pipeline.Ledger.Entries);
    }
}
