using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using Mailflow.Core.Tests.Support;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailflow.Core.Tests.Pipeline;

/// <summary>
/// Conversations across both pipelines over one thread index: a received mail, the app's reply to it, and the
/// person's answer to that reply (quoting the Message-ID SES gave the reply, LESSONS.md) all share one thread id,
/// and every reply carries the In-Reply-To and References a mail client threads by.
/// </summary>
public class OutboundThreadingRoundTripTests
{
    private static OutboundEnvelope Reply(string key, string inReplyTo) => OutboundSamples.Valid() with
    {
        IdempotencyKey = key,
        To = [new OutboundAddress { Address = "ann@sender.example", Name = "Ann" }],
        Subject = "Re: Hello",
        InReplyTo = inReplyTo,
    };

    [Fact]
    public async Task A_reply_to_an_inbound_envelope_answers_its_message_id_and_joins_its_thread()
    {
        var outbound = new TestOutbound();
        var question = await outbound.ReceiveAsync(MailBuilder.Simple(messageId: "<q1@Customer.Example>"), "ses-q1");

        var result = await outbound.ProcessAsync(Reply("answer-1", question.Id));

        Assert.Equal("ses-q1.app1", question.Id);
        Assert.Empty(result.FailedMessageIds);
        var mail = Assert.Single(outbound.Sender.Sent).Message;
        Assert.Equal("<q1@customer.example>", mail.Headers[HeaderId.InReplyTo]);
        Assert.Equal("q1@customer.example", mail.References[^1]);
        Assert.Equal("1", mail.Headers[MailHops.HeaderName]);
        var reply = await outbound.Threads.FindByMailIdAsync(TestOutbound.MailId("answer-1"), CancellationToken.None);
        Assert.Equal(("ses-q1", ThreadEntry.Outbound), (reply!.ThreadId, reply.Direction));
    }

    [Theory]
    [InlineData("In-Reply-To", true)]
    [InlineData("References", true)]
    [InlineData("In-Reply-To", false)]
    [InlineData("References", false)]
    public async Task An_answer_to_a_reply_quoting_either_of_its_message_ids_gets_the_thread_id_of_the_first_mail(string header, bool rewritten)
    {
        var outbound = new TestOutbound();
        outbound.Sender.RewritesMessageIds = true;
        var question = await outbound.ReceiveAsync(MailBuilder.Simple(messageId: "<q1@Customer.Example>"), "ses-q1");
        await outbound.ProcessAsync(Reply("answer-1", question.Id));
        var receipt = Assert.Single(outbound.Sender.Receipts);
        var quoted = receipt.MessageIds[rewritten ? 1 : 0];
        // Only the reply's id leads anywhere: the other entries are ids Mailflow never saw.
        var quoting = header == "In-Reply-To"
            ? $"In-Reply-To: <{quoted}>"
            : $"References: <older@elsewhere.example> <{quoted}> <newer@elsewhere.example>";

        var answer = await outbound.ReceiveAsync(MailBuilder.WithHeaders("<a2@sender.example>", quoting), "ses-a2");

        Assert.Equal("ses-q1", answer.ThreadId);
        Assert.Equal("ses-q1", question.ThreadId);
    }

    [Fact]
    public async Task The_ledger_and_the_thread_index_know_a_sent_mail_by_the_message_id_SES_gave_it_and_by_its_own()
    {
        var outbound = new TestOutbound();
        outbound.Sender.RewritesMessageIds = true;

        await outbound.ProcessAsync(OutboundSamples.Valid());

        var mailId = TestOutbound.MailId("order-4711");
        var own = $"{mailId}@example.com";
        var rewritten = $"{RecordingMailSender.ProviderId(0)}@{RecordingMailSender.RewrittenDomain}";
        Assert.Equal([own, rewritten], Assert.Single(outbound.Sender.Receipts).MessageIds);
        Assert.Equal(rewritten, Assert.Single(outbound.Ledger.Entries).MessageId);
        var entry = await outbound.Threads.FindByMailIdAsync(mailId, CancellationToken.None);
        Assert.Equal([rewritten, own], entry!.MessageIds);
        Assert.Equal(mailId, entry.ThreadId);
    }

    [Fact]
    public async Task A_reply_deep_in_a_conversation_references_the_whole_chain_oldest_first()
    {
        var outbound = new TestOutbound();
        outbound.Sender.RewritesMessageIds = true;
        var question = await outbound.ReceiveAsync(MailBuilder.Simple(messageId: "<q1@Customer.Example>"), "ses-q1");
        await outbound.ProcessAsync(Reply("answer-1", question.Id), "q-1");
        var firstReply = Assert.Single(outbound.Sender.Receipts).MessageIds[1];
        var answer = await outbound.ReceiveAsync(
            MailBuilder.WithHeaders("<a2@sender.example>", $"In-Reply-To: <{firstReply}>", $"References: <q1@customer.example> <{firstReply}>"), "ses-a2");

        await outbound.ProcessAsync(Reply("answer-2", answer.Id), "q-2");

        var mail = outbound.Sender.Sent[1].Message;
        Assert.Equal("a2@sender.example", mail.InReplyTo);
        Assert.Equal(["q1@customer.example", firstReply, "a2@sender.example"], mail.References);
        var reply = await outbound.Threads.FindByMailIdAsync(TestOutbound.MailId("answer-2"), CancellationToken.None);
        Assert.Equal("ses-q1", reply!.ThreadId);
    }

    [Fact]
    public async Task A_reply_in_a_very_long_thread_keeps_the_first_reference_and_the_newest_ones_up_to_the_cap()
    {
        var outbound = new TestOutbound();
        var chain = Enumerable.Range(1, 40).Select(n => $"m{n}@sender.example").ToList();
        var question = await outbound.ReceiveAsync(
            MailBuilder.WithHeaders("<q40@sender.example>", $"References: {string.Join(' ', chain.Select(id => $"<{id}>"))}"), "ses-long");

        await outbound.ProcessAsync(Reply("answer-long", question.Id));

        var references = Assert.Single(outbound.Sender.Sent).Message.References;
        Assert.Equal(OutboundThreading.MaxReferences, references.Count);
        Assert.Equal([chain[0], .. chain.TakeLast(OutboundThreading.MaxReferences - 2), "q40@sender.example"], references);
    }

    [Fact]
    public async Task A_reply_to_a_message_id_Mailflow_does_not_know_still_answers_it_and_starts_its_own_thread()
    {
        var outbound = new TestOutbound();

        var result = await outbound.ProcessAsync(Reply("answer-1", "<zz@Elsewhere.Example>"));

        Assert.Empty(result.FailedMessageIds);
        var mail = Assert.Single(outbound.Sender.Sent).Message;
        Assert.Equal("<zz@elsewhere.example>", mail.Headers[HeaderId.InReplyTo]);
        Assert.Equal(["zz@elsewhere.example"], mail.References);
        Assert.Equal("1", mail.Headers[MailHops.HeaderName]);
        var mailId = TestOutbound.MailId("answer-1");
        Assert.Equal(mailId, (await outbound.Threads.FindByMailIdAsync(mailId, CancellationToken.None))!.ThreadId);
        Assert.DoesNotContain(outbound.PipelineLogger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_reply_to_an_envelope_id_Mailflow_does_not_know_is_sent_without_threading_headers_and_logged()
    {
        var outbound = new TestOutbound();

        var result = await outbound.ProcessAsync(Reply("answer-1", "0100019a1b2c3d4e-0.app1"));

        Assert.Empty(result.FailedMessageIds);
        var mail = Assert.Single(outbound.Sender.Sent).Message;
        Assert.Null(mail.Headers[HeaderId.InReplyTo]);
        Assert.Null(mail.Headers[HeaderId.References]);
        var mailId = TestOutbound.MailId("answer-1");
        var warning = Assert.Single(outbound.PipelineLogger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains(mailId, warning.Message, StringComparison.Ordinal);
        Assert.Contains("0100019a1b2c3d4e-0.app1", warning.Message, StringComparison.Ordinal);
        Assert.Equal(mailId, (await outbound.Threads.FindByMailIdAsync(mailId, CancellationToken.None))!.ThreadId);
    }

    [Fact]
    public async Task An_app_can_send_back_an_attachment_it_received_by_its_storage_key()
    {
        var outbound = new TestOutbound();
        var pdf = "%PDF-1.7 the invoice"u8.ToArray();
        var question = await outbound.ReceiveAsync(MailBuilder.WithAttachment("invoice.pdf", "application/pdf", pdf, "<q1@customer.example>"), "ses-q1");
        var received = Assert.Single(question.Attachments);

        await outbound.ProcessAsync(Reply("answer-1", question.Id) with
        {
            Attachments = [new OutboundAttachment { Filename = "invoice.pdf", StorageKey = received.StorageKey }],
        });

        var attachment = Assert.IsType<MimePart>(Assert.Single(Assert.Single(outbound.Sender.Sent).Message.Attachments));
        using var decoded = new MemoryStream();
        await attachment.Content!.DecodeToAsync(decoded);
        Assert.Equal(pdf, decoded.ToArray());
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
    }
}
