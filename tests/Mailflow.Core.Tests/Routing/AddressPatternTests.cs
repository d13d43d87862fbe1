using Mailflow.Core.Routing;

namespace Mailflow.Core.Tests.Routing;

public class AddressPatternTests
{
    [Theory]
    [InlineData("billing@acme.com", "billing@acme.com", true)]
    [InlineData("billing@acme.com", "BILLING@ACME.COM", true)]
    [InlineData("billing@acme.com", "billing2@acme.com", false)]
    [InlineData("invoices-*@acme.com", "invoices-2024@acme.com", true)]
    [InlineData("invoices-*@acme.com", "invoices-@acme.com", true)]
    [InlineData("invoices-*@acme.com", "invoices@acme.com", false)]
    [InlineData("*@partner.example", "anyone@partner.example", true)]
    [InlineData("*@partner.example", "anyone@evil-partner.example", false)]
    [InlineData("a*b*c@x.com", "a-b-b-c@x.com", true)]
    [InlineData("a*b*c@x.com", "acb@x.com", false)]
    [InlineData("*", "", true)]
    public void Matches_GlobWithStars_MatchesWholeAddressIgnoringCase(string pattern, string address, bool expected)
    {
        Assert.Equal(expected, new AddressPattern(pattern).Matches(address));
    }

    [Fact]
    public void Matches_HostileAddress_FinishesQuickly()
    {
        var pattern = new AddressPattern("*a*a*a*a*a*a*a*a*b@x.com");
        var address = new string('a', 100_000) + "@x.com";

        Assert.False(pattern.Matches(address));
    }
}
