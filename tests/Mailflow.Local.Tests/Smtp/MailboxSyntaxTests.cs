using Mailflow.Local.Smtp;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>RFC 5321 §4.1.2 Mailbox syntax with RFC 6531 UTF-8 and the §4.5.3.1 size limits.</summary>
public sealed class MailboxSyntaxTests
{
    [Theory]
    [InlineData("a@b")]
    [InlineData("first.last@sub.example.com")]
    [InlineData("x!#$%&'*+-/=?^_`{|}~@example.com")]
    [InlineData("\"john doe\"@example.com")]
    [InlineData("\"a\\\"b@c\"@example.com")]
    [InlineData("user@[192.0.2.1]")]
    [InlineData("user@[IPv6:2001:db8::1]")]
    [InlineData("user@[x-tag:some-thing]")]
    [InlineData("søren@exämple.com")]
    [InlineData("δοκιμή@παράδειγμα.δοκιμή")]
    [InlineData("user@xn--bcher-kva.example")]
    public void IsValid_WellFormedMailbox_IsTrue(string mailbox) => Assert.True(MailboxSyntax.IsValid(mailbox));

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("@example.com")]
    [InlineData("user@")]
    [InlineData("a@@b")]
    [InlineData(".a@b")]
    [InlineData("a.@b")]
    [InlineData("a..b@c")]
    [InlineData("a b@c")]
    [InlineData("a(b)@c")]
    [InlineData("\"unterminated@c")]
    [InlineData("user@-bad.example")]
    [InlineData("user@bad-.example")]
    [InlineData("user@bad..example")]
    [InlineData("user@example.com.")]
    [InlineData("user@exa_mple.com")]
    [InlineData("user@[300.1.1.1]")]
    [InlineData("user@[1.2.3]")]
    [InlineData("user@[IPv6:nonsense]")]
    [InlineData("user@[]")]
    public void IsValid_MalformedMailbox_IsFalse(string mailbox) => Assert.False(MailboxSyntax.IsValid(mailbox));

    [Fact]
    public void IsValid_LocalPartOver64Octets_IsFalse()
    {
        Assert.True(MailboxSyntax.IsValid(new string('a', 64) + "@example.com"));
        Assert.False(MailboxSyntax.IsValid(new string('a', 65) + "@example.com"));
        // 32 two-octet characters are 64 octets; 33 are too many.
        Assert.True(MailboxSyntax.IsValid(new string('é', 32) + "@example.com"));
        Assert.False(MailboxSyntax.IsValid(new string('é', 33) + "@example.com"));
    }

    [Fact]
    public void IsValid_PathOver256Octets_IsFalse()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 3)) + ".example"; // 191 octets
        var fits = new string('a', 254 - 1 - domain.Length) + "@" + domain;                   // 254 + "<>" = 256
        Assert.True(MailboxSyntax.IsValid(fits));
        Assert.False(MailboxSyntax.IsValid("a" + fits));
    }

    [Fact]
    public void IsValid_LabelOver63Octets_IsFalse()
    {
        Assert.True(MailboxSyntax.IsValid("a@" + new string('d', 63) + ".example"));
        Assert.False(MailboxSyntax.IsValid("a@" + new string('d', 64) + ".example"));
    }
}
