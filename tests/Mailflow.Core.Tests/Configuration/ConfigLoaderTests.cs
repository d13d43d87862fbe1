using Mailflow.Core.Configuration;

namespace Mailflow.Core.Tests.Configuration;

public class ConfigLoaderTests
{
    private static IReadOnlyList<string> Problems(string json) => [.. ConfigLoader.Parse(json).Problems.Select(p => p.ToString())];

    [Fact]
    public void Load_WithoutPath_GivesTheBuiltInDefault()
    {
        var config = ConfigLoader.Load(null).Config!;

        Assert.Equal("local", config.Environment);
        Assert.Equal(["example.com"], config.Domains);
        Assert.Equal(["app1", "app2"], config.Apps.Select(a => a.Name));
        Assert.Equal(UnroutableConfig.Quarantine, config.Unroutable.Action);
        Assert.Empty(ConfigValidator.Validate(config));
    }

    [Fact]
    public void Load_MissingFile_SaysSoWithWhatToDo()
    {
        var problem = Assert.Single(ConfigLoader.Load("/nonexistent/mailflow.json").Problems);

        Assert.Equal("$", problem.Path);
        Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AbsentSections_KeepTheirDefaults()
    {
        var config = ConfigLoader.Parse("""{"domains":["acme.com"],"apps":[{"name":"invoices"}]}""").Config!;

        Assert.Equal("local", config.Environment);
        Assert.Equal(30, config.Retention.RawMailDays);
        Assert.Equal("http://127.0.0.1:8025", config.Links.BaseUrl);
        Assert.Empty(config.Apps[0].Addresses);
    }

    [Fact]
    public void Parse_WithoutAnOutboundSection_GivesTheOutboundDefaults()
    {
        var outbound = ConfigLoader.Parse("""{"domains":["acme.com"],"apps":[{"name":"invoices"}]}""").Config!.Outbound;

        Assert.Equal(24, outbound.IdempotencyTtlHours);
        Assert.Equal(50, outbound.MaxRecipients);
        Assert.Equal(10 * 1024 * 1024, outbound.MaxMessageBytes);
        Assert.Equal(7 * 1024 * 1024, outbound.MaxAttachmentBytes);
        Assert.Equal(5, outbound.MaxHops);
        Assert.Equal(new RateLimitConfig { PerSecond = 10, Burst = 50 }, outbound.RateLimits.PerApp);
        Assert.Equal(new RateLimitConfig { PerSecond = 5, Burst = 20 }, outbound.RateLimits.PerRecipientDomain);
        Assert.Null(outbound.Relay);
    }

    [Fact]
    public void Parse_APartialOutboundSection_KeepsTheDefaultsOfWhatItLeavesOut()
    {
        var outbound = ConfigLoader.Parse("""
            {"domains":["acme.com"],"apps":[{"name":"invoices"}],
             "outbound":{"maxHops":3,"rateLimits":{"perApp":{"perSecond":1,"burst":2}},"relay":{"host":"127.0.0.1"}}}
            """).Config!.Outbound;

        Assert.Equal(3, outbound.MaxHops);
        Assert.Equal(50, outbound.MaxRecipients);
        Assert.Equal(new RateLimitConfig { PerSecond = 1, Burst = 2 }, outbound.RateLimits.PerApp);
        Assert.Equal(new RateLimitConfig { PerSecond = 5, Burst = 20 }, outbound.RateLimits.PerRecipientDomain);
        Assert.Equal(new RelayConfig { Host = "127.0.0.1", Port = 25, Security = RelayConfig.SecurityNone }, outbound.Relay);
    }

    [Fact]
    public void Parse_ARateLimitWithoutItsBurst_IsAProblemRatherThanABucketOfZero()
    {
        Assert.Equal(
            ["$.outbound.rateLimits.perApp.burst: 0 is out of range; use 1 to 10000 mails (a missing burst reads as 0: give both perSecond and burst)."],
            Problems("""{"domains":["acme.com"],"apps":[{"name":"a"}],"outbound":{"rateLimits":{"perApp":{"perSecond":3}}}}"""));
    }

    [Fact]
    public void Parse_ANullRelay_IsTheSameAsNoRelay()
    {
        var result = ConfigLoader.Parse("""{"domains":["acme.com"],"apps":[{"name":"a"}],"outbound":{"relay":null}}""");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Null(result.Config!.Outbound.Relay);
    }

    [Fact]
    public void Parse_CommentsTrailingCommasAndSchemaHint_AreAccepted()
    {
        var result = ConfigLoader.Parse("""
            {
              "$schema": "./docs/schemas/mailflow.config.v1.schema.json",
              // the domains we receive for
              "domains": ["acme.com",],
              "apps": [{"name": "invoices"}],
            }
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Fact]
    public void Parse_MisspeltProperty_IsReportedWithItsPath()
    {
        Assert.Equal(
            ["$.apps[0].adresses: unknown property; check its spelling against docs/schemas/mailflow.config.v1.schema.json."],
            Problems("""{"domains":["acme.com"],"apps":[{"name":"invoices","adresses":[]}]}"""));
    }

    [Fact]
    public void Parse_WrongType_IsReportedWithItsPath()
    {
        var problem = Assert.Single(Problems("""{"limits":{"maxAttachments":"many"}}"""));

        Assert.StartsWith("$.limits.maxAttachments: wrong type of value", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"domains": ["a.com" "b.com"]}""")]
    [InlineData("")]
    public void Parse_BrokenJson_IsOneProblemWithALine(string json)
    {
        var problem = Assert.Single(ConfigLoader.Parse(json).Problems);

        Assert.Contains("fix the syntax at line", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonNull_IsAProblemNotACrash()
    {
        Assert.Single(ConfigLoader.Parse("null").Problems);
    }

    [Theory]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a","senders":null}]}""", "$.apps[0].senders")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a","senders":{"allow":null}}]}""", "$.apps[0].senders")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a","addresses":null}]}""", "$.apps[0].addresses")]
    [InlineData("""{"domains":["acme.com"],"apps":[null]}""", "$.apps[0]")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"limits":null}""", "$.limits")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"outbound":null}""", "$.outbound")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"outbound":{"rateLimits":null}}""", "$.outbound.rateLimits")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"outbound":{"rateLimits":{"perRecipientDomain":null}}}""", "$.outbound.rateLimits.perRecipientDomain")]
    public void Parse_NullWhereAListOrObjectBelongs_IsAProblemNotALaterCrash(string json, string path)
    {
        Assert.Equal(path, Assert.Single(ConfigLoader.Parse(json).Problems).Path);
    }

    [Theory]
    [InlineData("""{"Domains":["acme.com"],"apps":[{"name":"a"}]}""")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"limits":{"maxAttachments":"5"}}""")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a","limits":{"onAttachmentViolation":"Quarantine"}}]}""")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"verdicts":{"spam":{"FAIL":"Reject"}}}""")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"verdicts":{"spam":{"fail":"reject"}}}""")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"outbound":{"MaxHops":3}}""")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"outbound":{"maxHops":"3"}}""")]
    [InlineData("""{"domains":["acme.com"],"apps":[{"name":"a"}],"outbound":{"relay":{"host":"h","security":"TLS"}}}""")]
    public void Parse_ReadsNamesAndValuesExactlyAsTheSchemaSpellsThem(string json)
    {
        Assert.NotEmpty(ConfigLoader.Parse(json).Problems);
    }
}
