using Mailflow.Core.Outbound;

namespace Mailflow.Core.Tests.Outbound;

public class OutboundIdsTests
{
    [Fact]
    public void The_same_app_and_key_always_give_the_same_mail_id()
    {
        var first = OutboundIds.MailId("app1", "order-4711");

        Assert.Equal(first, OutboundIds.MailId("app1", "order-4711"));
        Assert.Matches("^o[0-9a-f]{32}$", first);
    }

    [Theory]
    [InlineData("app2", "order-4711")]
    [InlineData("app1", "order-4712")]
    [InlineData("app1", "Order-4711")]
    [InlineData("app1\norder", "4711")]
    public void A_different_app_or_key_gives_a_different_mail_id(string app, string key)
    {
        Assert.NotEqual(OutboundIds.MailId("app1", "order-4711"), OutboundIds.MailId(app, key));
    }

    [Fact]
    public void The_mail_id_is_the_first_128_bits_of_sha256_of_app_newline_key()
    {
        // printf 'app1\norder-4711' | sha256sum
        Assert.Equal("o" + Sha256Hex("app1\norder-4711")[..32], OutboundIds.MailId("app1", "order-4711"));
    }

    [Fact]
    public void The_message_id_is_the_mail_id_at_the_senders_domain_normalised()
    {
        Assert.Equal("o123@example.com", OutboundIds.MessageId("o123", "_app1@Example.COM"));
    }

    [Fact]
    public void An_internationalised_sender_domain_gives_an_ascii_message_id()
    {
        Assert.Equal("o123@xn--bcher-kva.example", OutboundIds.MessageId("o123", "jörg@bücher.example"));
    }

    [Fact]
    public void A_sender_without_a_domain_is_refused()
    {
        Assert.Throws<ArgumentException>(() => OutboundIds.MessageId("o123", "nobody"));
    }

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
