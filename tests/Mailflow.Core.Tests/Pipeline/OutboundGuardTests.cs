using Mailflow.Core.Configuration;
using Mailflow.Core.Outbound;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Tests.Support;
using MimeKit;

namespace Mailflow.Core.Tests.Pipeline;

/// <summary>
/// The loop and auto-reply guards on real conversations: the facts come from a mail the inbound pipeline received
/// (its X-Mailflow-Hops, Auto-Submitted, Precedence and List-* headers, its DMARC verdict), the decision from the outbound
/// pipeline answering it.
/// </summary>
public class OutboundGuardTests
{
    private const string Question = "<q1@customer.example>";

    private static OutboundEnvelope Reply(string inReplyTo, bool? autoReply = null) => OutboundSamples.Valid() with
    {
        IdempotencyKey = "answer-1",
        To = [new OutboundAddress { Address = "ann@sender.example" }],
        Subject = "Re: Your order",
        InReplyTo = inReplyTo,
        AutoReply = autoReply,
    };

    private static string[] Headers(string? header) => header is null ? [] : [header];

    [Theory]
    [InlineData(null, "1")]
    [InlineData("X-Mailflow-Hops: 2", "3")]
    [InlineData("X-Mailflow-Hops: 4", "5")]
    public async Task A_reply_carries_one_hop_more_than_the_mail_it_answers(string? hops, string expected)
    {
        var outbound = new TestOutbound();
        var question = await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question, Headers(hops)), "ses-q1");

        await outbound.ProcessAsync(Reply(question.Id));

        Assert.Equal(expected, Assert.Single(outbound.Sender.Sent).Message.Headers[MailHops.HeaderName]);
        Assert.Empty(outbound.DeadLetters);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(5, 9)]
    [InlineData(2, 2)]
    public async Task A_reply_to_mail_that_already_made_max_hops_is_dead_lettered_as_a_loop_and_not_sent(int maxHops, int carried)
    {
        var outbound = new TestOutbound(DefaultConfig.Instance with { Outbound = new OutboundConfig { MaxHops = maxHops } });
        var question = await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question, $"X-Mailflow-Hops: {carried}"), "ses-q1");

        var result = await outbound.ProcessAsync(Reply(question.Id));

        Assert.Empty(result.FailedMessageIds);
        Assert.Equal(0, outbound.Sender.Attempts);
        var dead = Assert.Single(outbound.DeadLetters);
        Assert.Equal((DeadLetterAttributes.Permanent, ReasonCodes.LoopDetected),
            (dead.Attributes[DeadLetterAttributes.FailureClass], dead.Attributes[DeadLetterAttributes.ReasonCode]));
        Assert.Equal([(LedgerEvent.Failed, ReasonCodes.LoopDetected), (LedgerEvent.DeadLettered, ReasonCodes.LoopDetected)],
            outbound.Ledger.Entries.Select(e => (e.Event, e.ReasonCode)));
        Assert.Equal(0, outbound.Idempotency.Count);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied", ReceiptVerdicts.Pass, ReasonCodes.AutoReplyToAutomated)]
    [InlineData("Precedence: bulk", ReceiptVerdicts.Pass, ReasonCodes.AutoReplyToList)]
    [InlineData("List-Id: Customer news <news.sender.example>", ReceiptVerdicts.Pass, ReasonCodes.AutoReplyToList)]
    [InlineData(null, "FAIL", ReasonCodes.AutoReplyToDmarcFailure)]
    public async Task An_automatic_reply_to_automated_list_or_DMARC_failing_mail_is_suppressed_not_sent_and_not_dead_lettered(
        string? header, string dmarc, string reasonCode)
    {
        var outbound = new TestOutbound();
        var question = await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question, Headers(header)), "ses-q1",
            ReceiptVerdicts.AllPass with { Dmarc = dmarc });

        var result = await outbound.ProcessAsync(Reply(question.Id, autoReply: true));

        Assert.Empty(result.FailedMessageIds);
        Assert.Equal(0, outbound.Sender.Attempts);
        Assert.Empty(outbound.DeadLetters);
        var suppressed = Assert.Single(outbound.Ledger.Entries);
        Assert.Equal((TestOutbound.MailId("answer-1"), LedgerEvent.Suppressed, "app1", reasonCode),
            (suppressed.MailId, suppressed.Event, suppressed.App, suppressed.ReasonCode));
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied", ReceiptVerdicts.Pass)]
    [InlineData("Precedence: bulk", ReceiptVerdicts.Pass)]
    [InlineData("List-Id: Customer news <news.sender.example>", ReceiptVerdicts.Pass)]
    [InlineData(null, "FAIL")]
    public async Task A_reply_a_person_decided_to_send_goes_to_the_same_mail_without_auto_submitted(string? header, string dmarc)
    {
        var outbound = new TestOutbound();
        var question = await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question, Headers(header)), "ses-q1",
            ReceiptVerdicts.AllPass with { Dmarc = dmarc });

        var result = await outbound.ProcessAsync(Reply(question.Id, autoReply: false));

        Assert.Empty(result.FailedMessageIds);
        var mail = Assert.Single(outbound.Sender.Sent).Message;
        Assert.Null(mail.Headers[HeaderId.AutoSubmitted]);
        // The reply is also recorded on the received mail's timeline.
        Assert.Equal([LedgerEvent.Sent, LedgerEvent.Replied], outbound.Ledger.Entries.Select(e => e.Event));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Auto-Submitted: no")]
    public async Task An_automatic_reply_to_a_person_is_sent_and_says_it_is_auto_replied(string? header)
    {
        var outbound = new TestOutbound();
        var question = await outbound.ReceiveAsync(MailBuilder.WithHeaders(Question, Headers(header)), "ses-q1");

        await outbound.ProcessAsync(Reply(question.Id, autoReply: true));

        var mail = Assert.Single(outbound.Sender.Sent).Message;
        Assert.Equal("auto-replied", mail.Headers[HeaderId.AutoSubmitted]);
        Assert.Equal("q1@customer.example", mail.InReplyTo);
    }
}
