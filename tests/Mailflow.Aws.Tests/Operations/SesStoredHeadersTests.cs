using System.Text;
using Mailflow.Aws.Operations;
using MimeKit;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>Reading SES's verdicts and envelope back from a stored mail's header (pure logic).</summary>
public sealed class SesStoredHeadersTests
{
    private static SesStoredHeaders Read(byte[] mail) => SesStoredHeaders.From(HeaderList.Load(new MemoryStream(mail)));

    private static SesStoredHeaders Read(string header) => Read(Encoding.ASCII.GetBytes(header + "\r\n\r\nbody"));

    [Fact]
    public void From_reads_each_verdict_SES_wrote()
    {
        var stored = Read(SesStoredMail.Build("id1", spam: "GRAY", virus: "FAIL", spf: "pass", dkim: "fail", dmarc: "none"));

        Assert.Equal(("PASS", "FAIL", "GRAY", "GRAY", "FAIL"),
            (stored.Verdicts.Spf, stored.Verdicts.Dkim, stored.Verdicts.Dmarc, stored.Verdicts.Spam, stored.Verdicts.Virus));
        Assert.Equal(("sender@sender.test", "_app1@example.com"), (stored.MailFrom, stored.Recipient));
    }

    [Theory]
    [InlineData("pass", "PASS")]
    [InlineData("fail", "FAIL")]
    [InlineData("softfail", "FAIL")]
    [InlineData("none", "GRAY")]
    [InlineData("neutral", "GRAY")]
    [InlineData("temperror", "PROCESSING_FAILED")]
    [InlineData("permerror", "PROCESSING_FAILED")]
    [InlineData("policy", "FAIL")]
    public void From_maps_an_authentication_result_to_the_SES_status(string result, string status)
    {
        var stored = Read(SesStoredMail.Build("id2", spf: result, dkim: result, dmarc: result));

        Assert.Equal((status, status, status), (stored.Verdicts.Spf, stored.Verdicts.Dkim, stored.Verdicts.Dmarc));
    }

    [Fact]
    public void From_ignores_verdicts_the_sender_wrote_below_SESs_block()
    {
        var stored = Read(SesStoredMail.Build("id3", spam: "FAIL", virus: "FAIL",
            senderHeaders: "X-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\nAuthentication-Results: amazonses.com; spf=pass; dkim=pass; dmarc=pass\r\n", dkim: "fail"));

        Assert.Equal(("FAIL", "FAIL", "FAIL"), (stored.Verdicts.Spam, stored.Verdicts.Virus, stored.Verdicts.Dkim));
    }

    [Fact]
    public void From_reads_only_SESs_authentication_results()
    {
        var stored = Read("X-SES-Spam-Verdict: PASS\r\nAuthentication-Results: mx.other.test; spf=pass; dkim=pass; dmarc=pass");

        Assert.Equal(("DISABLED", "DISABLED", "DISABLED", "PASS", "DISABLED"),
            (stored.Verdicts.Spf, stored.Verdicts.Dkim, stored.Verdicts.Dmarc, stored.Verdicts.Spam, stored.Verdicts.Virus));
    }

    [Fact]
    public void From_a_mail_SES_never_scanned_is_DISABLED_throughout_with_no_envelope()
    {
        var stored = Read("From: a@b.test\r\nTo: app1@example.com\r\nSubject: plain");

        Assert.Equal(new Mailflow.Core.Policy.ReceiptVerdicts("DISABLED", "DISABLED", "DISABLED", "DISABLED", "DISABLED"), stored.Verdicts);
        Assert.Equal((null, null), (stored.MailFrom, stored.Recipient));
    }

    [Fact]
    public void From_takes_a_pass_among_several_DKIM_signatures_and_falls_back_to_Received_SPF()
    {
        var stored = Read("Received-SPF: softfail (spfCheck: not permitted) client-ip=192.0.2.1;\r\n" +
            "Authentication-Results: amazonses.com; dkim=fail header.i=@a.test; dkim=pass header.i=@b.test; dmarc=pass header.from=b.test");

        Assert.Equal(("FAIL", "PASS", "PASS"), (stored.Verdicts.Spf, stored.Verdicts.Dkim, stored.Verdicts.Dmarc));
    }

    [Fact]
    public void From_keeps_an_unknown_status_upper_cased_so_policy_quarantines_it()
    {
        var stored = Read("X-SES-Spam-Verdict: maybe\r\nAuthentication-Results: amazonses.com; dmarc=bestguess header.from=b.test");

        Assert.Equal(("MAYBE", "BESTGUESS"), (stored.Verdicts.Spam, stored.Verdicts.Dmarc));
    }
}
