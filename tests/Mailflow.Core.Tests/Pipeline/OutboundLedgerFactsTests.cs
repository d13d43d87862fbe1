using Mailflow.Core.Operations;
using Mailflow.Core.Outbound;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Pipeline;

/// <summary>
/// What the outbound path writes for the API to show: the facts of every mail whose envelope could be read, the latency
/// of a sent mail since the app put it on the queue, a reply entry on the received mail an app answered, and a
/// dead-letter entry on the mail a dead-lettered record was about.
/// </summary>
public class OutboundLedgerFactsTests
{
    private const string Question = "<q1@customer.example>";
    private static readonly string s_mailId = TestOutbound.MailId("order-4711");
    private static readonly TimeSpan s_queued = TimeSpan.FromSeconds(5);

    private static OutboundEnvelope WithEveryKindOfRecipient() => OutboundSamples.Valid() with
    {
        Cc = [new OutboundAddress { Address = "accounts@customer.example" }],
        Bcc = [new OutboundAddress { Address = "archive@acme.example" }],
    };

    private static MailFacts ExpectedFacts(string subject = "Your order") =>
        new(ThreadEntry.Outbound, "_app1@example.com", ["ann@customer.example", "accounts@customer.example", "archive@acme.example"], subject);

    private static QueueRecord Queued(OutboundEnvelope envelope, string messageId = "q-1", DateTimeOffset? sentAt = null) =>
        new(messageId, TestOutbound.Json(envelope), 1, sentAt ?? TestPipeline.Now - s_queued);

    private static OutboundEnvelope Reply(string inReplyTo, bool? autoReply = null) => OutboundSamples.Valid() with
    {
        IdempotencyKey = "answer-1",
        To = [new OutboundAddress { Address = "ann@sender.example" }],
        Subject = "Re: Your order",
        InReplyTo = inReplyTo,
        AutoReply = autoReply,
    };

    [Fact]
    public async Task A_sent_mail_carries_its_sender_every_recipient_Bcc_included_its_subject_and_the_time_since_it_was_enqueued()
    {
        var outbound = new TestOutbound();

        await outbound.ProcessAsync(Queued(WithEveryKindOfRecipient()));

        var sent = Assert.Single(outbound.LedgerOf(s_mailId));
        Assert.Equal((LedgerEvent.Sent, s_queued), (sent.Event, sent.Latency));
        FactsAssert.Equal(ExpectedFacts(), sent.Facts);
    }

    [Fact]
    public async Task A_record_whose_host_did_not_say_when_it_was_enqueued_is_sent_without_a_latency()
    {
        var outbound = new TestOutbound();

        await outbound.ProcessAsync(new QueueRecord("q-1", OutboundSamples.ValidJson, 1));

        var sent = Assert.Single(outbound.LedgerOf(s_mailId));
        Assert.Equal(LedgerEvent.Sent, sent.Event);
        Assert.Null(sent.Latency);
        Assert.NotNull(sent.Facts);
    }

    [Fact]
    public async Task A_duplicate_carries_the_facts_of_its_envelope_and_no_latency()
    {
        var outbound = new TestOutbound();

        await outbound.ProcessAsync(Queued(WithEveryKindOfRecipient(), "q-1"));
        await outbound.ProcessAsync(Queued(WithEveryKindOfRecipient() with { Subject = "Your order (again)" }, "q-2"));

        var duplicate = outbound.LedgerOf(s_mailId)[1];
        Assert.Equal((LedgerEvent.Duplicate, null), (duplicate.Event, duplicate.Latency));
        FactsAssert.Equal(ExpectedFacts("Your order (again)"), duplicate.Facts);
    }

    [Fact]
    public async Task A_suppressed_automatic_reply_carries_its_facts()
    {
        var outbound = new TestOutbound();
        var question = await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question, "Auto-Submitted: auto-replied"), "ses-q1");

        await outbound.ProcessAsync(Queued(Reply(question.Id, autoReply: true)));

        var suppressed = Assert.Single(outbound.Ledger.Entries);
        Assert.Equal(LedgerEvent.Suppressed, suppressed.Event);
        FactsAssert.Equal(new MailFacts(ThreadEntry.Outbound, "_app1@example.com", ["ann@sender.example"], "Re: Your order"), suppressed.Facts);
    }

    [Fact]
    public async Task A_rejected_mail_is_recorded_failed_with_its_facts_then_dead_lettered_on_its_outbound_id_with_the_DLQ_and_reason()
    {
        var outbound = new TestOutbound();
        outbound.Sender.RejectNext();

        await outbound.ProcessAsync(Queued(WithEveryKindOfRecipient()));

        Assert.Single(outbound.DeadLetters);
        var entries = outbound.LedgerOf(s_mailId);
        Assert.Equal([LedgerEvent.Failed, LedgerEvent.DeadLettered], entries.Select(e => e.Event));
        FactsAssert.Equal(ExpectedFacts(), entries[0].Facts);
        Assert.Equal((TestOutbound.DeadLetterQueue, ReasonCodes.RelayRejected, "app1"), (entries[1].Queue, entries[1].ReasonCode, entries[1].App));
        Assert.Null(entries[1].Latency);
    }

    [Fact]
    public async Task A_record_that_exhausted_its_receives_is_dead_lettered_with_the_exhausted_reason()
    {
        var outbound = new TestOutbound();
        outbound.Sender.DeferNext(TestOutbound.MaxReceiveCount);

        for (var receive = 1; receive <= TestOutbound.MaxReceiveCount; receive++)
        {
            await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1", receive);
        }

        var deadLettered = Assert.Single(outbound.LedgerOf(s_mailId), e => e.Event == LedgerEvent.DeadLettered);
        Assert.Equal((TestOutbound.DeadLetterQueue, DeadLetterAttributes.Exhausted), (deadLettered.Queue, deadLettered.ReasonCode));
    }

    [Fact]
    public async Task A_body_that_is_no_envelope_is_dead_lettered_under_its_queue_message_id_without_facts()
    {
        var outbound = new TestOutbound();

        await outbound.ProcessAsync("not an envelope", "q-bad");

        Assert.Single(outbound.DeadLetters);
        var entries = outbound.LedgerOf("queue:q-bad");
        Assert.Equal([LedgerEvent.Failed, LedgerEvent.DeadLettered], entries.Select(e => e.Event));
        Assert.All(entries, entry => Assert.Null(entry.Facts));
        Assert.Equal((TestOutbound.DeadLetterQueue, ReasonCodes.InvalidEnvelope), (entries[1].Queue, entries[1].ReasonCode));
    }

    [Fact]
    public async Task A_ledger_failure_while_recording_the_dead_letter_keeps_the_dead_letter_and_releases_the_key()
    {
        FlakyLedger? flaky = null;
        var outbound = new TestOutbound(ledger: inner => flaky = new FlakyLedger(inner));
        flaky!.FailNext(LedgerEvent.DeadLettered);
        outbound.Sender.RejectNext();

        var result = await outbound.ProcessAsync(OutboundSamples.ValidJson, "q-1");

        Assert.Empty(result.FailedMessageIds);
        Assert.Single(outbound.DeadLetters);
        Assert.Equal(0, outbound.Idempotency.Count);
        Assert.Equal([LedgerEvent.Failed], outbound.LedgerOf(s_mailId).Select(e => e.Event));
    }

    [Fact]
    public async Task A_reply_to_a_received_mail_by_its_envelope_id_is_recorded_replied_on_the_received_mail_after_the_sent_entry()
    {
        var outbound = new TestOutbound();
        var question = await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question), "ses-q1");

        await outbound.ProcessAsync(Queued(Reply(question.Id)));

        var answerId = TestOutbound.MailId("answer-1");
        Assert.Equal([(answerId, LedgerEvent.Sent), ("ses-q1", LedgerEvent.Replied)], outbound.Ledger.Entries.Select(e => (e.MailId, e.Event)));
        var replied = outbound.Ledger.Entries[1];
        Assert.Equal(("app1", answerId), (replied.App, replied.Reason));
        Assert.Null(replied.Latency);
    }

    [Fact]
    public async Task A_reply_quoting_a_received_mails_Message_ID_is_recorded_replied_on_that_mail()
    {
        var outbound = new TestOutbound();
        await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question), "ses-q1");

        await outbound.ProcessAsync(Queued(Reply(Question)));

        var replied = Assert.Single(outbound.Ledger.Entries, e => e.Event == LedgerEvent.Replied);
        Assert.Equal(("ses-q1", TestOutbound.MailId("answer-1")), (replied.MailId, replied.Reason));
    }

    [Fact]
    public async Task A_follow_up_to_a_sent_mail_or_to_an_unknown_Message_ID_records_no_reply()
    {
        var outbound = new TestOutbound();
        await outbound.ProcessAsync(Queued(OutboundSamples.Valid()));
        var firstMessageId = OutboundIds.MessageId(s_mailId, "_app1@example.com");

        await outbound.ProcessAsync(Queued(Reply(firstMessageId), "q-2"));
        await outbound.ProcessAsync(Queued(Reply("<never-seen@elsewhere.example>") with { IdempotencyKey = "answer-2" }, "q-3"));

        Assert.Equal(3, outbound.Sender.Sent.Count);
        Assert.DoesNotContain(outbound.Ledger.Entries, e => e.Event == LedgerEvent.Replied);
    }

    [Fact]
    public async Task A_reply_that_is_not_sent_records_no_reply()
    {
        var outbound = new TestOutbound();
        var question = await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question), "ses-q1");
        outbound.Sender.RejectNext();

        await outbound.ProcessAsync(Queued(Reply(question.Id)));

        Assert.DoesNotContain(outbound.Ledger.Entries, e => e.Event == LedgerEvent.Replied);
    }

    [Fact]
    public async Task The_counters_of_a_sent_mail_are_one_sent_and_one_latency_sample()
    {
        var outbound = new TestOutbound();

        await outbound.ProcessAsync(Queued(OutboundSamples.Valid()));

        var counters = outbound.LedgerOf(s_mailId).SelectMany(LedgerMetrics.CountersOf).ToList();
        Assert.Equal([(LedgerMetrics.Sent, ""), (LedgerMetrics.LatencyPrefix + LatencyHistogram.BucketOf(s_queued), "")], counters);
    }
}
