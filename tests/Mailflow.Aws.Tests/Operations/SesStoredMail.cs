using System.Text;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>
/// A mail as the SES receipt rule's S3 action stores it: SES's header block (the shape of the examples in the SES
/// Developer Guide, receiving-email-notifications-examples) above the sender's own header, which may carry forged copies.
/// </summary>
internal static class SesStoredMail
{
    public static byte[] Build(string sesId, string spam = "PASS", string virus = "PASS", string spf = "pass", string dkim = "pass", string dmarc = "pass",
        string? recipient = "_app1@example.com", bool receipt = true, string senderHeaders = "")
    {
        var forClause = recipient is null ? "" : $" for {recipient}";
        var mail = new StringBuilder()
            .Append("Return-Path: <sender@sender.test>\r\n")
            .Append($"Received: from mail.sender.test (mail.sender.test [203.0.113.5]) by inbound-smtp.us-east-1.amazonaws.com with SMTP id {sesId}{forClause};\r\n Sun, 01 Mar 2026 12:00:00 +0000 (UTC)\r\n")
            .Append($"X-SES-Spam-Verdict: {spam}\r\n")
            .Append($"X-SES-Virus-Verdict: {virus}\r\n")
            .Append($"Received-SPF: {spf} (spfCheck: domain of sender.test designates 203.0.113.5 as permitted sender) client-ip=203.0.113.5;\r\n envelope-from=sender@sender.test; helo=mail.sender.test;\r\n")
            .Append($"Authentication-Results: amazonses.com;\r\n spf={spf} (spfCheck: domain of sender.test designates 203.0.113.5 as permitted sender)\r\n client-ip=203.0.113.5; envelope-from=sender@sender.test; helo=mail.sender.test;\r\n dkim={dkim} header.i=@sender.test;\r\n dmarc={dmarc} header.from=sender.test;\r\n")
            .Append(receipt ? "X-SES-RECEIPT: AEFBQUFBQUFBQUFHZmFrZQ==\r\nX-SES-DKIM-SIGNATURE: a=rsa-sha256; q=dns/txt; b=abc;\r\n" : "")
            .Append(senderHeaders)
            .Append("From: Sender <sender@sender.test>\r\nTo: app1@example.com\r\nSubject: Replay me\r\nMessage-ID: <m1@sender.test>\r\n")
            .Append("Date: Sun, 01 Mar 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello from the archive.\r\n");
        return Encoding.UTF8.GetBytes(mail.ToString());
    }
}
