using System.Globalization;
using Mailflow.Core.Configuration;
using Mailflow.Core.Outbound;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Tests.Schemas;
using Mailflow.Core.Tests.Support;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailflow.Core.Tests.Pipeline;

/// <summary>
/// The outbound queue's records through the real batch processor, record handler and pipeline over in-memory
/// adapters: what is sent, what is dead-lettered with which diagnostics, what the ledger says, and what happens to the
/// idempotency key on every path.
/// </summary>
public class OutboundPipelineTests
{
    private const string Key = "order-4711";
    private static readonly string s_mailId = TestOutbound.MailId(Key);

    public static TheoryData<string, int> OutboundDocExamples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, index, json) in SchemaTests.AllDocBlocks())
        {
            if (SchemaTests.SchemaNamedBy(json) == SchemaTests.OutboundSchemaFile)
            {
                data.Add(file, index);
            }
        }
        return data;
    }

    [Fact]
    public async Task A_valid_envelope_is_sent_once_to_every_recipient_bcc_included_and_recorded_as_sent()
    {
        var outbound = new TestOutbound();
        var envelope = OutboundSamples.Valid() with
        {
            Cc = [new OutboundAddress { Address = "accounts@customer.example" }],
            Bcc = [new OutboundAddress { Address = "archive@acme.example" }],
        };

        var result = await outbound.ProcessAsync(envelope);

        Assert.Empty(result.FailedMessageIds);
        var mail = Assert.Single(outbound.Sender.Sent);
        Assert.Equal(s_mailId, mail.MailId);
        Assert.Equal("_app1@example.com", mail.EnvelopeFrom);
        Assert.Equal(["ann@customer.example", "accounts@customer.example", "archive@acme.example"], mail.Recipients);
        Assert.Null(mail.Message.Headers[HeaderId.Bcc]);
        Assert.Equal($"{s_mailId}@example.com", mail.Message.MessageId);
        var sent = Assert.Single(outbound.Ledger.Entries);
        Assert.Equal((s_mailId, LedgerEvent.Sent, "app1", RecordingMailSender.ProviderId(0), $"{s_mailId}@example.com", TestPipeline.Now),
            (sent.MailId, sent.Event, sent.App, sent.ProviderMessageId, sent.MessageId, sent.At));
        Assert.Empty(outbound.DeadLetters);
    }

    [Theory]
    [MemberData(nameof(OutboundDocExamples))]
    public async Task Every_outbound_example_in_the_docs_is_sent_by_the_pipeline(string file, int index)
    {
        var json = SchemaTests.AllDocBlocks().Single(b => b.File == file && b.Index == index).Json;
        var envelope = OutboundReader.Read(json);
        var outbound = new TestOutbound();
        foreach (var key in (envelope.Attachments ?? []).Select(a => a.StorageKey).OfType<string>())
        {
            await outbound.PutAttachmentAsync(key, "%PDF-1.7 stored"u8.ToArray());
        }

        var result = await outbound.ProcessAsync(json);

        Assert.Empty(result.FailedMessageIds);
        Assert.True(outbound.DeadLetters is [], $"{file}#{index} was dead-lettered: {(outbound.DeadLetters is [var dead, ..] ? dead.Attributes[DeadLetterAttributes.Error] : "")}");
        var mail = Assert.Single(outbound.Sender.Sent);
        Assert.Equal(envelope.From!.Address, mail.EnvelopeFrom);
        Assert.Equal(new[] { envelope.To, envelope.Cc, envelope.Bcc }.SelectMany(list => list ?? []).Select(a => a.Address), mail.Recipients);
        Assert.Equal(envelope.Attachments?.Count ?? 0, mail.Message.BodyParts.OfType<MimePart>().Count(p => p.IsAttachment || p.ContentId is not null));
        var sent = Assert.Single(outbound.Ledger.Entries);
        Assert.Equal((LedgerEvent.Sent, envelope.App), (sent.Event, sent.App));
    }

    [Fact]
    public async Task A_second_envelope_with_the_same_app_and_key_from_another_queue_message_is_a_duplicate_and_sends_nothing()
    {
        var outbound = new TestOutbound();
        await outbound.ProcessAsync(OutboundSamples.Valid(), "q-1");

        var second = await outbound.ProcessAsync(OutboundSamples.Valid() with { Subject = "Your order, again" }, "q-2");

        Assert.Empty(second.FailedMessageIds);
        Assert.Equal("Your order", Assert.Single(outbound.Sender.Sent).Message.Subject);
        Assert.Equal([LedgerEvent.Sent, LedgerEvent.Duplicate], outbound.LedgerOf(s_mailId).Select(e => e.Event));
        var duplicate = outbound.LedgerOf(s_mailId)[1];
        Assert.Equal(("app1", ReasonCodes.DuplicateIdempotencyKey), (duplicate.App, duplicate.ReasonCode));
        Assert.Empty(outbound.DeadLetters);
    }

    [Fact]
    public async Task The_same_queue_message_delivered_again_after_it_was_sent_sends_nothing_again()
    {
        var outbound = new TestOutbound();
        await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1");

        var again = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 2);

        Assert.Empty(again.FailedMessageIds);
        Assert.Single(outbound.Sender.Sent);
        Assert.Equal([LedgerEvent.Sent, LedgerEvent.Duplicate], outbound.LedgerOf(s_mailId).Select(e => e.Event));
    }

    [Fact]
    public async Task Idempotency_keys_are_per_app_so_another_app_may_use_the_same_key()
    {
        var outbound = new TestOutbound();
        var fromApp2 = OutboundSamples.Valid() with { App = "app2", From = new OutboundAddress { Address = "_app2@example.com" } };

        await outbound.ProcessAsync(OutboundSamples.Valid(), "q-1");
        var second = await outbound.ProcessAsync(fromApp2, "q-2");

        Assert.Empty(second.FailedMessageIds);
        Assert.Equal(["_app1@example.com", "_app2@example.com"], outbound.Sender.Sent.Select(m => m.EnvelopeFrom));
        Assert.Equal(LedgerEvent.Sent, Assert.Single(outbound.LedgerOf(TestOutbound.MailId(Key, "app2"))).Event);
    }

    [Fact]
    public async Task A_queue_message_redelivered_after_a_transient_send_failure_keeps_its_claim_and_is_sent_on_the_retry()
    {
        var outbound = new TestOutbound();
        outbound.Sender.DeferNext();

        var first = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 1);

        Assert.Equal(["q-1"], first.FailedMessageIds);
        Assert.Empty(first.RetryDelays);
        Assert.Empty(outbound.DeadLetters);
        Assert.Empty(outbound.Sender.Sent);
        Assert.Empty(outbound.Ledger.Entries);
        var warning = Assert.Single(outbound.ProcessorLogger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.IsType<MailDeferredException>(warning.Exception);

        var retry = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 2);

        Assert.Empty(retry.FailedMessageIds);
        Assert.Single(outbound.Sender.Sent);
        Assert.Equal(2, outbound.Sender.Attempts);
        Assert.Equal([LedgerEvent.Sent], outbound.LedgerOf(s_mailId).Select(e => e.Event));
    }

    [Fact]
    public async Task While_a_message_retries_its_claim_another_message_with_the_same_key_is_a_duplicate()
    {
        var outbound = new TestOutbound();
        outbound.Sender.DeferNext();
        await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 1);

        var other = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-2");
        var retry = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 2);

        Assert.Empty(other.FailedMessageIds);
        Assert.Empty(retry.FailedMessageIds);
        Assert.Single(outbound.Sender.Sent);
        Assert.Equal([LedgerEvent.Duplicate, LedgerEvent.Sent], outbound.LedgerOf(s_mailId).Select(e => e.Event));
    }

    [Fact]
    public async Task A_ledger_failure_after_the_mail_was_sent_does_not_send_it_again_when_the_message_is_redelivered()
    {
        FlakyLedger? flaky = null;
        var outbound = new TestOutbound(ledger: inner => flaky = new FlakyLedger(inner));
        flaky!.FailNext(LedgerEvent.Sent);

        var first = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 1);
        var retry = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 2);

        Assert.Equal(["q-1"], first.FailedMessageIds);
        Assert.Empty(retry.FailedMessageIds);
        // The mail service took the mail on the first receive: the key must say so before anything else can fail,
        // or the redelivered message claims it again and the recipient gets the mail twice (docs/outbound.md: exactly-once per key).
        Assert.Single(outbound.Sender.Sent);
    }

    [Fact]
    public async Task A_dead_letter_queue_that_cannot_be_written_fails_only_its_own_record_not_the_batch()
    {
        var outbound = new TestOutbound(queues: inner => new DeadLetterQueueDown(inner));

        var result = await outbound.ProcessAsync(
            new QueueRecord("q-bad", "not an envelope", 1),
            new QueueRecord("q-good", OutboundSamples.ValidJson, 1));

        // Each record is independent (QueueBatchProcessor): the bad one stays on the queue for another try at the
        // dead-letter queue, the good one, already sent, is reported done so that it is deleted.
        Assert.Equal(["q-bad"], result.FailedMessageIds);
        Assert.Single(outbound.Sender.Sent);
    }

    [Fact]
    public async Task A_550_from_the_mail_service_dead_letters_the_mail_as_permanent_relay_rejected_and_releases_its_key()
    {
        var outbound = new TestOutbound();
        outbound.Sender.RejectNext();

        var result = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1");

        Assert.Empty(result.FailedMessageIds);
        Assert.Empty(outbound.Sender.Sent);
        var dead = Assert.Single(outbound.DeadLetters);
        Assert.Equal(OutboundSamples.ValidJson, dead.Body);
        Assert.Equal(DeadLetterAttributes.Permanent, dead.Attributes[DeadLetterAttributes.FailureClass]);
        Assert.Equal(ReasonCodes.RelayRejected, dead.Attributes[DeadLetterAttributes.ReasonCode]);
        Assert.Equal(nameof(MailRejectedException), dead.Attributes[DeadLetterAttributes.ErrorType]);
        Assert.Contains("550 5.1.1", dead.Attributes[DeadLetterAttributes.Error], StringComparison.Ordinal);
        Assert.Equal(TestOutbound.Queue, dead.Attributes[DeadLetterAttributes.SourceQueue]);
        Assert.Equal("q-1", dead.Attributes[DeadLetterAttributes.OriginalMessageId]);
        Assert.Equal("1", dead.Attributes[DeadLetterAttributes.ReceiveCount]);
        Assert.Equal(TestPipeline.Now.ToString("O", CultureInfo.InvariantCulture), dead.Attributes[DeadLetterAttributes.FailedAt]);
        Assert.Equal([LedgerEvent.Failed, LedgerEvent.DeadLettered], outbound.LedgerOf(s_mailId).Select(e => e.Event));
        var failed = outbound.LedgerOf(s_mailId)[0];
        Assert.Equal((LedgerEvent.Failed, "app1", ReasonCodes.RelayRejected), (failed.Event, failed.App, failed.ReasonCode));
        Assert.Contains("550 5.1.1", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, outbound.Idempotency.Count);

        var again = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-2");

        Assert.Empty(again.FailedMessageIds);
        Assert.Single(outbound.Sender.Sent);
        Assert.Equal([LedgerEvent.Failed, LedgerEvent.DeadLettered, LedgerEvent.Sent], outbound.LedgerOf(s_mailId).Select(e => e.Event));
    }

    [Fact]
    public async Task A_transient_failure_on_the_last_allowed_receive_dead_letters_the_mail_as_exhausted_and_releases_its_key()
    {
        var outbound = new TestOutbound();
        outbound.Sender.DeferNext(TestOutbound.MaxReceiveCount);

        var first = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 1);
        var second = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 2);
        var last = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receiveCount: 3);

        Assert.Equal(["q-1"], first.FailedMessageIds);
        Assert.Equal(["q-1"], second.FailedMessageIds);
        Assert.Empty(last.FailedMessageIds);
        var dead = Assert.Single(outbound.DeadLetters);
        Assert.Equal((DeadLetterAttributes.Exhausted, nameof(MailDeferredException), "3"),
            (dead.Attributes[DeadLetterAttributes.FailureClass], dead.Attributes[DeadLetterAttributes.ErrorType], dead.Attributes[DeadLetterAttributes.ReceiveCount]));
        Assert.False(dead.Attributes.ContainsKey(DeadLetterAttributes.ReasonCode));
        Assert.Equal([LedgerEvent.Failed, LedgerEvent.DeadLettered], outbound.LedgerOf(s_mailId).Select(e => e.Event));
        var failed = outbound.LedgerOf(s_mailId)[0];
        Assert.Equal((LedgerEvent.Failed, "app1", DeadLetterAttributes.Exhausted), (failed.Event, failed.App, failed.ReasonCode));
        Assert.Equal(0, outbound.Idempotency.Count);

        var again = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-2");

        Assert.Empty(again.FailedMessageIds);
        Assert.Single(outbound.Sender.Sent);
    }

    [Theory]
    [InlineData("foreign from", ReasonCodes.ForeignSender, "$.from.address")]
    [InlineData("header injection in the subject", ReasonCodes.HeaderInjection, "$.subject")]
    [InlineData("unknown app", ReasonCodes.UnknownApp, "$.app")]
    [InlineData("snake_case property", ReasonCodes.InvalidEnvelope, "$.idempotency_key")]
    [InlineData("not JSON", ReasonCodes.InvalidEnvelope, "$")]
    [InlineData("JSON null", ReasonCodes.InvalidEnvelope, "$")]
    public async Task An_invalid_envelope_is_dead_lettered_with_its_reason_code_and_nothing_is_sent(string mistake, string reasonCode, string path)
    {
        var outbound = new TestOutbound();
        var (body, mailId, app) = Invalid(mistake);

        var result = await outbound.ProcessAsync(body, "q-bad");

        Assert.Empty(result.FailedMessageIds);
        Assert.Equal(0, outbound.Sender.Attempts);
        var dead = Assert.Single(outbound.DeadLetters);
        Assert.Equal(body, dead.Body);
        Assert.Equal((DeadLetterAttributes.Permanent, reasonCode, nameof(OutboundInvalidException)),
            (dead.Attributes[DeadLetterAttributes.FailureClass], dead.Attributes[DeadLetterAttributes.ReasonCode], dead.Attributes[DeadLetterAttributes.ErrorType]));
        Assert.StartsWith(path + ": ", dead.Attributes[DeadLetterAttributes.Error], StringComparison.Ordinal);
        Assert.Equal([LedgerEvent.Failed, LedgerEvent.DeadLettered], outbound.Ledger.Entries.Select(e => e.Event));
        var failed = outbound.Ledger.Entries[0];
        Assert.Equal((mailId, LedgerEvent.Failed, app, reasonCode), (failed.MailId, failed.Event, failed.App, failed.ReasonCode));
        Assert.Equal(0, outbound.Idempotency.Count);
    }

    [Fact]
    public async Task An_attachment_missing_from_the_store_dead_letters_the_mail_and_releases_the_key_it_had_claimed()
    {
        var outbound = new TestOutbound();
        var envelope = OutboundSamples.Valid() with
        {
            Attachments = [new OutboundAttachment { Filename = "invoice.pdf", ContentType = "application/pdf", StorageKey = "attachments/ses-q1/a0" }],
        };

        await outbound.ProcessAsync(envelope, "q-1");

        var dead = Assert.Single(outbound.DeadLetters);
        Assert.Equal(ReasonCodes.AttachmentNotFound, dead.Attributes[DeadLetterAttributes.ReasonCode]);
        Assert.StartsWith("$.attachments[0].storageKey: ", dead.Attributes[DeadLetterAttributes.Error], StringComparison.Ordinal);
        Assert.Empty(outbound.Sender.Sent);
        Assert.Equal([ReasonCodes.AttachmentNotFound, ReasonCodes.AttachmentNotFound], outbound.LedgerOf(s_mailId).Select(e => e.ReasonCode));
        Assert.Equal(0, outbound.Idempotency.Count);

        await outbound.PutAttachmentAsync("attachments/ses-q1/a0", "%PDF-1.7 stored"u8.ToArray());
        var again = await outbound.ProcessAsync(envelope, "q-2");

        Assert.Empty(again.FailedMessageIds);
        var attachment = Assert.IsType<MimePart>(Assert.Single(Assert.Single(outbound.Sender.Sent).Message.Attachments));
        Assert.Equal("invoice.pdf", attachment.FileName);
    }

    [Fact]
    public async Task A_mail_too_large_once_composed_is_dead_lettered_as_message_too_large_and_releases_its_key()
    {
        var config = DefaultConfig.Instance with { Outbound = new OutboundConfig { MaxMessageBytes = 4096 } };
        var outbound = new TestOutbound(config);

        await outbound.ProcessAsync(OutboundSamples.Valid() with { Text = new string('x', 8192) });

        Assert.Equal(ReasonCodes.MessageTooLarge, Assert.Single(outbound.DeadLetters).Attributes[DeadLetterAttributes.ReasonCode]);
        Assert.Empty(outbound.Sender.Sent);
        Assert.Equal(0, outbound.Idempotency.Count);
    }

    [Fact]
    public async Task A_mail_over_the_app_rate_limit_waits_on_the_queue_and_is_sent_without_a_second_delay_when_it_comes_back()
    {
        var outbound = new TestOutbound(rateLimits: TestOutbound.TightPerApp(perSecond: 1, burst: 1));
        var second = OutboundSamples.Valid() with { IdempotencyKey = "order-2" };
        var secondId = TestOutbound.MailId("order-2");

        var first = await outbound.ProcessAsync(OutboundSamples.Valid() with { IdempotencyKey = "order-1" }, "q-1");
        var limited = await outbound.ProcessAsync(second, "q-2");

        Assert.Empty(first.FailedMessageIds);
        Assert.Equal(["q-2"], limited.FailedMessageIds);
        var delay = limited.RetryDelays["q-2"];
        Assert.True(delay >= TimeSpan.FromSeconds(1) && delay.Ticks % TimeSpan.TicksPerSecond == 0, $"not a whole number of seconds of at least 1: {delay}");
        Assert.Equal(TimeSpan.FromSeconds(1), delay);
        Assert.Single(outbound.Sender.Sent);
        Assert.Empty(outbound.DeadLetters);
        var delayed = Assert.Single(outbound.LedgerOf(secondId));
        Assert.Equal((LedgerEvent.Delayed, "app1", ReasonCodes.RateLimited), (delayed.Event, delayed.App, delayed.ReasonCode));

        outbound.Time.Advance(delay);
        var retry = await outbound.ProcessAsync(second, "q-2", receiveCount: 2);

        Assert.Empty(retry.FailedMessageIds);
        Assert.Empty(retry.RetryDelays);
        Assert.Equal(2, outbound.Sender.Sent.Count);
        Assert.Equal([LedgerEvent.Delayed, LedgerEvent.Sent], outbound.LedgerOf(secondId).Select(e => e.Event));
    }

    [Fact]
    public async Task A_recipient_domain_over_its_limit_delays_a_mail_that_reaches_it_only_by_Bcc_even_from_another_app()
    {
        var limits = TestOutbound.Generous with { PerRecipientDomain = new RateLimitConfig { PerSecond = 1, Burst = 1 } };
        var outbound = new TestOutbound(rateLimits: limits);
        var hidden = OutboundSamples.Valid() with
        {
            App = "app2",
            IdempotencyKey = "bcc-1",
            From = new OutboundAddress { Address = "_app2@example.com" },
            To = [new OutboundAddress { Address = "bob@other.example" }],
            Bcc = [new OutboundAddress { Address = "ann@Customer.Example" }],
        };

        var first = await outbound.ProcessAsync(OutboundSamples.Valid() with { IdempotencyKey = "to-1" }, "q-1");
        var second = await outbound.ProcessAsync(hidden, "q-2");

        Assert.Empty(first.FailedMessageIds);
        Assert.Equal(TimeSpan.FromSeconds(1), second.RetryDelays["q-2"]);
        var delayed = Assert.Single(outbound.LedgerOf(TestOutbound.MailId("bcc-1", "app2")));
        Assert.Equal((LedgerEvent.Delayed, ReasonCodes.RateLimited), (delayed.Event, delayed.ReasonCode));
        Assert.Single(outbound.Sender.Sent);
    }

    [Fact]
    public async Task A_rate_limit_wait_is_rounded_up_to_whole_seconds_and_a_mail_back_early_is_told_the_rest()
    {
        var outbound = new TestOutbound(rateLimits: TestOutbound.TightPerApp(perSecond: 0.4, burst: 1));
        var second = OutboundSamples.Valid() with { IdempotencyKey = "order-2" };
        await outbound.ProcessAsync(OutboundSamples.Valid() with { IdempotencyKey = "order-1" }, "q-1");

        var limited = await outbound.ProcessAsync(second, "q-2");
        outbound.Time.Advance(TimeSpan.FromSeconds(2));
        var early = await outbound.ProcessAsync(second, "q-2", receiveCount: 2);
        outbound.Time.Advance(early.RetryDelays["q-2"]);
        var onTime = await outbound.ProcessAsync(second, "q-2", receiveCount: 3);

        Assert.Equal(TimeSpan.FromSeconds(3), limited.RetryDelays["q-2"]);
        Assert.Equal(TimeSpan.FromSeconds(1), early.RetryDelays["q-2"]);
        Assert.Empty(onTime.FailedMessageIds);
        Assert.Equal(2, outbound.Sender.Sent.Count);
    }

    private static (string Body, string LedgerMailId, string? App) Invalid(string mistake) => mistake switch
    {
        "foreign from" => (TestOutbound.Json(OutboundSamples.Valid() with { From = new OutboundAddress { Address = "_app2@example.com" } }), s_mailId, "app1"),
        "header injection in the subject" => (TestOutbound.Json(OutboundSamples.Valid() with { Subject = "Hello\r\nBcc: victim@elsewhere.example" }), s_mailId, "app1"),
        "unknown app" => (TestOutbound.Json(OutboundSamples.Valid() with { App = "app9" }), TestOutbound.MailId(Key, "app9"), "app9"),
        "snake_case property" => (OutboundSamples.ValidJson.Replace("\"idempotencyKey\"", "\"idempotency_key\"", StringComparison.Ordinal), "queue:q-bad", null),
        "not JSON" => ("Subject: this is a mail, not an envelope", "queue:q-bad", null),
        "JSON null" => ("null", "queue:q-bad", null),
        _ => throw new ArgumentOutOfRangeException(nameof(mistake), mistake, null),
    };
}
