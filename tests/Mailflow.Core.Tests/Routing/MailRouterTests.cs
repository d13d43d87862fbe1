using Mailflow.Core.Configuration;
using Mailflow.Core.Routing;

namespace Mailflow.Core.Tests.Routing;

public class MailRouterTests
{
    private static readonly MailRouter s_router = new(new RoutingTable(
        ["example.com", "acme.com"],
        [
            new AppConfig { Name = "app1" },
            new AppConfig { Name = "invoices", Addresses = ["billing@acme.com", "invoices-*@acme.com"] },
            new AppConfig { Name = "catchy", Addresses = ["*@acme.com"] },
        ]));

    [Fact]
    public void Route_UnderscoreAppAddress_RoutesToThatApp()
    {
        var decision = s_router.Route(["_app1@example.com"]);

        var route = Assert.Single(decision.Routes);
        Assert.Equal("app1", route.App);
        Assert.Equal(["_app1@example.com"], route.Recipients);
        Assert.Null(route.MailboxHash);
        Assert.Empty(decision.Unroutable);
    }

    [Fact]
    public void Route_PlusTag_BecomesMailboxHash()
    {
        var route = Assert.Single(s_router.Route(["_invoices+order-42@acme.com"]).Routes);

        Assert.Equal("invoices", route.App);
        Assert.Equal("order-42", route.MailboxHash);
    }

    [Theory]
    [InlineData("_APP1@EXAMPLE.COM")]
    [InlineData("_App1@Example.Com")]
    [InlineData("<_app1@example.com>")]
    [InlineData("_app1@example.com.")]
    public void Route_CaseAndDecoration_AreIgnored(string recipient)
    {
        Assert.Equal("app1", Assert.Single(s_router.Route([recipient]).Routes).App);
    }

    [Fact]
    public void Route_SameAppTwice_GivesOneRouteWithBothRecipients()
    {
        var decision = s_router.Route(["_app1@example.com", "_APP1+x@example.com", "_invoices@example.com"]);

        Assert.Equal(["app1", "invoices"], decision.Routes.Select(r => r.App));
        Assert.Equal(["_app1@example.com", "_app1+x@example.com"], decision.Routes[0].Recipients);
        Assert.Equal("x", decision.Routes[0].MailboxHash);
    }

    [Fact]
    public void Route_UnconfiguredDomain_IsUnroutableEvenForAKnownApp()
    {
        var decision = s_router.Route(["_app1@evil.example"]);

        Assert.Empty(decision.Routes);
        Assert.Equal("domain is not configured", Assert.Single(decision.Unroutable).Reason);
    }

    [Fact]
    public void Route_UnknownApp_IsUnroutableWithReason()
    {
        var unroutable = Assert.Single(s_router.Route(["_nosuchapp@example.com"]).Unroutable);

        Assert.Equal("_nosuchapp@example.com", unroutable.Recipient);
        Assert.Equal("no app has this name", unroutable.Reason);
    }

    [Theory]
    [InlineData("billing@acme.com", "invoices")]
    [InlineData("BILLING@acme.com", "invoices")]
    [InlineData("invoices-2024@acme.com", "invoices")]
    [InlineData("someone@acme.com", "catchy")]
    public void Route_ExtraAddressesAndPatterns_RouteInConfigurationOrder(string recipient, string app)
    {
        Assert.Equal(app, Assert.Single(s_router.Route([recipient]).Routes).App);
    }

    [Fact]
    public void Route_UnderscoreAddressWins_OverAPatternThatAlsoMatches()
    {
        Assert.Equal("app1", Assert.Single(s_router.Route(["_app1@acme.com"]).Routes).App);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("user@")]
    public void Route_NotAnAddress_IsUnroutable(string recipient)
    {
        var decision = s_router.Route([recipient]);

        Assert.Empty(decision.Routes);
        Assert.Single(decision.Unroutable);
    }

    [Fact]
    public void Route_PlainAddressOnConfiguredDomain_IsUnroutable()
    {
        Assert.Equal("no app takes this address", Assert.Single(s_router.Route(["bob@example.com"]).Unroutable).Reason);
    }
}
