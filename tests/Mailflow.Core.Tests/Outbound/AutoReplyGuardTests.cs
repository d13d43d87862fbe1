using System.Text;
using Mailflow.Core.Outbound;
using Mailflow.Core.Policy;
using MimeKit;

namespace Mailflow.Core.Tests.Outbound;

public class AutoReplyGuardTests
{
    private static HeaderList Headers(params (string Field, string Value)[] extra)
    {
        var headers = new HeaderList
        {
            { "From", "Alice <alice@partner.example>" },
            { "To", "_support@acme.com" },
            { "Subject", "Where is my invoice?" },
            { "Message-ID", "<m1@partner.example>" },
        };
        foreach (var (field, value) in extra)
        {
            headers.Add(field, value);
        }
        return headers;
    }

    [Fact]
    public void A_normal_mail_that_passed_DMARC_may_be_answered()
    {
        Assert.Null(AutoReplyGuard.ReasonFor(Headers(), "PASS"));
    }

    [Theory]
    [InlineData("GRAY")]
    [InlineData("PROCESSING_FAILED")]
    [InlineData("DISABLED")]
    public void A_DMARC_verdict_other_than_FAIL_does_not_stop_a_reply(string verdict)
    {
        Assert.Null(AutoReplyGuard.ReasonFor(Headers(), verdict));
    }

    [Theory]
    [InlineData("auto-generated")]
    [InlineData("auto-replied")]
    [InlineData("auto-notified")]
    [InlineData("Auto-Replied; owner-email=\"x@partner.example\"")]
    [InlineData("something-new")]
    [InlineData("")]
    public void Auto_submitted_mail_is_never_answered(string value)
    {
        Assert.Equal(ReasonCodes.AutoReplyToAutomated, AutoReplyGuard.ReasonFor(Headers(("Auto-Submitted", value)), "PASS"));
    }

    [Theory]
    [InlineData("no")]
    [InlineData(" NO ")]
    [InlineData("no (a person wrote this)")]
    public void Auto_submitted_no_marks_a_mail_a_person_sent(string value)
    {
        Assert.Null(AutoReplyGuard.ReasonFor(Headers(("Auto-Submitted", value)), "PASS"));
    }

    [Fact]
    public void Any_auto_submitted_header_other_than_no_counts_even_after_a_no()
    {
        var headers = Headers(("Auto-Submitted", "no"), ("auto-submitted", "auto-replied"));

        Assert.Equal(ReasonCodes.AutoReplyToAutomated, AutoReplyGuard.ReasonFor(headers, "PASS"));
    }

    [Theory]
    [InlineData("bulk")]
    [InlineData("list")]
    [InlineData("junk")]
    [InlineData(" Bulk ")]
    [InlineData("LIST")]
    public void Precedence_bulk_list_or_junk_is_list_mail(string value)
    {
        Assert.Equal(ReasonCodes.AutoReplyToList, AutoReplyGuard.ReasonFor(Headers(("Precedence", value)), "PASS"));
    }

    [Theory]
    [InlineData("first-class")]
    [InlineData("bulky")]
    public void Other_precedence_values_do_not_stop_a_reply(string value)
    {
        Assert.Null(AutoReplyGuard.ReasonFor(Headers(("Precedence", value)), "PASS"));
    }

    [Theory]
    [InlineData("List-Id", "Partner news <news.partner.example>")]
    [InlineData("List-Unsubscribe", "<mailto:unsubscribe@partner.example>")]
    [InlineData("List-Post", "<mailto:news@partner.example>")]
    [InlineData("list-id", "<news.partner.example>")]
    [InlineData("List-Help", "<mailto:help@partner.example>")]
    [InlineData("List-Archive", "<https://partner.example/archive>")]
    public void Mail_with_a_mailing_list_header_is_list_mail(string field, string value)
    {
        Assert.Equal(ReasonCodes.AutoReplyToList, AutoReplyGuard.ReasonFor(Headers((field, value)), "PASS"));
    }

    [Theory]
    [InlineData("All")]
    [InlineData("OOF")]
    [InlineData("AutoReply")]
    [InlineData("DR, RN, NRN, OOF, AutoReply")]
    [InlineData("dr,oof")]
    public void Microsoft_auto_response_suppression_of_replies_is_respected(string value)
    {
        Assert.Equal(ReasonCodes.AutoReplyToAutomated, AutoReplyGuard.ReasonFor(Headers(("X-Auto-Response-Suppress", value)), "PASS"));
    }

    [Theory]
    [InlineData("None")]
    [InlineData("DR, NDR, RN, NRN")]
    public void Suppressing_only_reports_does_not_stop_a_reply(string value)
    {
        Assert.Null(AutoReplyGuard.ReasonFor(Headers(("X-Auto-Response-Suppress", value)), "PASS"));
    }

    [Theory]
    [InlineData("FAIL")]
    [InlineData("fail")]
    public void Mail_that_failed_DMARC_is_never_answered(string verdict)
    {
        Assert.Equal(ReasonCodes.AutoReplyToDmarcFailure, AutoReplyGuard.ReasonFor(Headers(), verdict));
    }

    [Fact]
    public void Automated_wins_over_list_and_list_over_a_DMARC_failure()
    {
        Assert.Equal(ReasonCodes.AutoReplyToAutomated,
            AutoReplyGuard.ReasonFor(Headers(("List-Id", "<l.partner.example>"), ("Auto-Submitted", "auto-generated")), "FAIL"));
        Assert.Equal(ReasonCodes.AutoReplyToList, AutoReplyGuard.ReasonFor(Headers(("Precedence", "bulk")), "FAIL"));
    }

    [Fact]
    public void Headers_parsed_from_a_real_message_are_read_unfolded()
    {
        var raw = "From: Alice <alice@partner.example>\r\nAuto-Submitted:\r\n auto-replied\r\nSubject: Out of office\r\n\r\nBody\r\n";
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(raw));

        var headers = HeaderList.Load(stream);

        Assert.Equal(ReasonCodes.AutoReplyToAutomated, AutoReplyGuard.ReasonFor(headers, "PASS"));
    }
}
