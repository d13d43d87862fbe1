using System.Text;

namespace Mailflow.Worker.Tests.Support;

/// <summary>
/// The raw mails the SES notifications of tests/fixtures/events point at, as the receipt rule's S3 action would have
/// stored them: bucket <c>mailflow-test-raw</c>, key <c>raw/{sesMessageId}</c>, headers matching the notifications'.
/// </summary>
public static class RawMails
{
    public const string Bucket = "mailflow-test-raw";

    /// <summary>sqs-ses-notifications.json record 1, sqs-ses-via-sns.json and the good record of sqs-one-malformed.json: to app1, all verdicts PASS.</summary>
    public const string InvoiceSesId = "7mc9q2smfi5ln3dmrrh6ls2j1u2ifp4rnvc0fho1";

    /// <summary>sqs-ses-notifications.json record 2: to _app2+ticket-7 and _app1, spam GRAY, DMARC FAIL.</summary>
    public const string TicketSesId = "ksm6gq5mi39tq8h7ss8q1p4vtmk0oj1u4dv7tho1";

    public static string Key(string sesMessageId) => $"raw/{sesMessageId}";

    public static IReadOnlyDictionary<string, byte[]> All { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        [InvoiceSesId] = Mail("Ann Example <ann@sender.example>", "_app1@example.com", "Invoice 4711", "<7mc9q2smfi5l@sender.example>",
            "Hello,\r\n\r\nplease find the details of invoice 4711 below.\r\n\r\nAnn\r\n"),
        [TicketSesId] = Mail("Ann Example <bob@sender.example>", "team@sender.example", "Ticket 7", "<ksm6gq5mi39t@sender.example>",
            "Hello team,\r\n\r\nticket 7 is still open.\r\n\r\nBob\r\n"),
    };

    private static byte[] Mail(string from, string to, string subject, string messageId, string body) => Encoding.UTF8.GetBytes(
        $"Return-Path: <{from[(from.IndexOf('<', StringComparison.Ordinal) + 1)..^1]}>\r\n" +
        $"From: {from}\r\n" +
        $"To: {to}\r\n" +
        $"Subject: {subject}\r\n" +
        $"Message-ID: {messageId}\r\n" +
        "Date: Sun, 22 Nov 2026 09:29:58 +0000\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=UTF-8\r\n" +
        "\r\n" +
        body);
}
