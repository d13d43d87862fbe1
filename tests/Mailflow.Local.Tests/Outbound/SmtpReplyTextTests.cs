using Mailflow.Local.Outbound;

namespace Mailflow.Local.Tests.Outbound;

public sealed class SmtpReplyTextTests
{
    [Theory]
    [InlineData("2.0.0 Ok: queued as 4ZxY1k0bKpz9vK", "4ZxY1k0bKpz9vK")]
    [InlineData("Ok: queued as ABC123", "ABC123")]
    [InlineData("OK id=1uAbCd-000123-Ab", "1uAbCd-000123-Ab")]
    [InlineData("2.0.0 OK  1700000000 a1-20020a.123 - gsmtp", "2.0.0 OK  1700000000 a1-20020a.123 - gsmtp")]
    [InlineData("  Message accepted for delivery\n", "Message accepted for delivery")]
    [InlineData("", "250")]
    public void QueueId_takes_the_id_the_relay_names_or_else_the_whole_reply(string reply, string expected) =>
        Assert.Equal(expected, SmtpReplyText.QueueId(reply));

    [Theory]
    [InlineData(550, "5.1.1 User unknown", "5.1.1")]
    [InlineData(451, "4.3.0 Try again", "4.3.0")]
    [InlineData(550, "4.3.0 class does not match", null)]
    [InlineData(550, "User unknown", null)]
    [InlineData(552, "5.3.4", "5.3.4")]
    [InlineData(550, "5.1.10x", null)]
    public void EnhancedStatusCode_is_read_only_when_its_class_matches_the_reply(int code, string text, string? expected) =>
        Assert.Equal(expected, SmtpReplyText.EnhancedStatusCode(code, text));

    [Theory]
    [InlineData("5.1.1 <bob@example.com>: Recipient address rejected", "5.1.1 <b***@example.com>: Recipient address rejected")]
    [InlineData("rejected: ünï@bücher.example,other@x.example", "rejected: ü***@bücher.example,o***@x.example")]
    [InlineData("line one\r\nline two", "line one line two")]
    public void Redacted_masks_every_address_and_keeps_one_line(string text, string expected) =>
        Assert.Equal(expected, SmtpReplyText.Redacted(text));
}
