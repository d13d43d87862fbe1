using Mailflow.Core.Configuration;
using Mailflow.Core.Outbound;

namespace Mailflow.Core.Tests.Outbound;

public class OutboundRulesTests
{
    private static readonly OutboundRules s_rules = new(new MailflowConfig
    {
        Domains = ["example.com", "acme.com", "xn--bcher-kva.example"],
        Apps =
        [
            new AppConfig { Name = "app1" },
            new AppConfig { Name = "invoices", Addresses = ["billing@acme.com", "invoices-*@acme.com"] },
            new AppConfig { Name = "catchy", Addresses = ["*@acme.com"] },
            new AppConfig { Name = "fallback" },
        ],
        Unroutable = new UnroutableConfig { Action = UnroutableConfig.CatchAll, App = "fallback" },
        Outbound = new OutboundConfig { MaxRecipients = 7 },
    });

    [Theory]
    [InlineData("app1", "_app1@example.com")]
    [InlineData("app1", "_app1@acme.com")]
    [InlineData("app1", "_app1+order-42@example.com")]
    [InlineData("app1", "_APP1@Example.COM")]
    [InlineData("app1", "_app1@bücher.example")]
    [InlineData("app1", "_app1@xn--bcher-kva.example")]
    [InlineData("invoices", "billing@acme.com")]
    [InlineData("invoices", "invoices-2026@acme.com")]
    [InlineData("invoices", "_invoices@example.com")]
    [InlineData("catchy", "anyone@acme.com")]
    public void An_app_owns_the_addresses_mail_to_which_routes_to_it(string app, string address)
    {
        Assert.True(s_rules.Owns(app, address));
    }

    [Theory]
    [InlineData("app1", "_app2@example.com", "an app that does not exist")]
    [InlineData("app1", "_app1@other.example", "a domain that is not configured")]
    [InlineData("app1", "app1@example.com", "no underscore")]
    [InlineData("catchy", "billing@acme.com", "an exact address of another app wins over the pattern")]
    [InlineData("catchy", "_app1@acme.com", "another app's _name address")]
    [InlineData("fallback", "someone@example.com", "the unroutable catch-all")]
    [InlineData("fallback", "_nobody@example.com", "the unroutable catch-all")]
    [InlineData("nobody", "_nobody@example.com", "an unknown app")]
    [InlineData("App1", "_app1@example.com", "the app name in another case")]
    public void A_from_address_the_app_does_not_own_is_a_foreign_sender(string app, string address, string why)
    {
        Assert.False(s_rules.Owns(app, address), why);
    }

    [Fact]
    public void The_rules_expose_the_known_apps_and_the_outbound_settings()
    {
        Assert.Equal(["app1", "catchy", "fallback", "invoices"], s_rules.Apps.Order(StringComparer.Ordinal));
        Assert.True(s_rules.IsKnownApp("invoices"));
        Assert.False(s_rules.IsKnownApp(null));
        Assert.Equal(7, s_rules.Outbound.MaxRecipients);
    }
}
