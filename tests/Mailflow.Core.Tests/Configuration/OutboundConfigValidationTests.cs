using Mailflow.Core.Configuration;

namespace Mailflow.Core.Tests.Configuration;

/// <summary>The rules of <c>$.outbound</c>: each one reported with its JSON path and what to do.</summary>
public class OutboundConfigValidationTests
{
    private static readonly MailflowConfig s_valid = new()
    {
        Environment = "dev",
        Domains = ["acme.com"],
        Apps = [new AppConfig { Name = "invoices" }],
    };

    private static readonly RelayConfig s_relay = new() { Host = "smtp.acme.com", Port = 587, Security = RelayConfig.SecurityStartTls };

    private static ConfigProblem Single(OutboundConfig outbound) =>
        Assert.Single(ConfigValidator.Validate(s_valid with { Outbound = outbound }));

    private static void AssertProblem(OutboundConfig outbound, string path, string fragment)
    {
        var problem = Single(outbound);
        Assert.Equal(path, problem.Path);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TheDefaultOutboundSection_HasNoProblems()
    {
        Assert.Empty(ConfigValidator.Validate(s_valid with { Outbound = new OutboundConfig() }));
    }

    [Fact]
    public void Validate_EveryOutboundSettingAtItsLimits_HasNoProblems()
    {
        var lowest = new OutboundConfig
        {
            IdempotencyTtlHours = 1,
            MaxRecipients = 1,
            MaxMessageBytes = 1024,
            MaxAttachmentBytes = 1,
            MaxHops = 1,
            RateLimits = new OutboundRateLimitsConfig
            {
                PerApp = new RateLimitConfig { PerSecond = 0.001, Burst = 1 },
                PerRecipientDomain = new RateLimitConfig { PerSecond = 0.001, Burst = 1 },
            },
            Relay = new RelayConfig { Host = "127.0.0.1", Port = 1 },
        };
        var highest = new OutboundConfig
        {
            IdempotencyTtlHours = 720,
            MaxRecipients = 50,
            MaxMessageBytes = 41_943_040,
            MaxAttachmentBytes = 41_943_040,
            MaxHops = 20,
            RateLimits = new OutboundRateLimitsConfig
            {
                PerApp = new RateLimitConfig { PerSecond = 1000, Burst = 10_000 },
                PerRecipientDomain = new RateLimitConfig { PerSecond = 1000, Burst = 10_000 },
            },
            Relay = s_relay with { Port = 65535, Security = RelayConfig.SecurityTls, Username = "u", PasswordEnvironmentVariable = "_relay_pw2" },
        };

        Assert.Empty(ConfigValidator.Validate(s_valid with { Outbound = lowest }));
        Assert.Empty(ConfigValidator.Validate(s_valid with { Outbound = highest }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(721)]
    public void Validate_IdempotencyTtl_IsOneHourToThirtyDays(int hours)
    {
        AssertProblem(new OutboundConfig { IdempotencyTtlHours = hours }, "$.outbound.idempotencyTtlHours", $"{hours} is out of range; use 1 to 720 hours");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Validate_MaxRecipients_IsAtMostWhatSesV2SendsTo(int recipients)
    {
        AssertProblem(new OutboundConfig { MaxRecipients = recipients }, "$.outbound.maxRecipients", $"{recipients} is out of range; use 1 to 50 (SES v2");
    }

    [Theory]
    [InlineData(1023L)]
    [InlineData(41_943_041L)]
    public void Validate_MaxMessageBytes_StaysWithinWhatSesV2Sends(long bytes)
    {
        var problems = ConfigValidator.Validate(s_valid with { Outbound = new OutboundConfig { MaxMessageBytes = bytes, MaxAttachmentBytes = 1 } });

        var problem = Assert.Single(problems);
        Assert.Equal("$.outbound.maxMessageBytes", problem.Path);
        Assert.Contains($"{bytes} is out of range; use 1024 to 41943040 (40 MiB", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnAttachmentLargerThanTheMessage_IsRefused()
    {
        AssertProblem(new OutboundConfig { MaxMessageBytes = 1_000_000, MaxAttachmentBytes = 1_000_001 },
            "$.outbound.maxAttachmentBytes", "1000001 is larger than $.outbound.maxMessageBytes (1000000)");
    }

    [Fact]
    public void Validate_AnAttachmentAsLargeAsTheMessage_IsAllowed()
    {
        Assert.Empty(ConfigValidator.Validate(s_valid with { Outbound = new OutboundConfig { MaxMessageBytes = 2048, MaxAttachmentBytes = 2048 } }));
    }

    [Fact]
    public void Validate_AZeroByteAttachmentLimit_IsRefused()
    {
        AssertProblem(new OutboundConfig { MaxAttachmentBytes = 0 }, "$.outbound.maxAttachmentBytes", "0 is out of range; use 1 to $.outbound.maxMessageBytes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Validate_MaxHops_IsOneToTwenty(int hops)
    {
        AssertProblem(new OutboundConfig { MaxHops = hops }, "$.outbound.maxHops", $"{hops} is out of range; use 1 to 20");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(1000.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_PerSecond_IsAboveZeroAndAtMostAThousand(double perSecond)
    {
        var outbound = new OutboundConfig
        {
            RateLimits = new OutboundRateLimitsConfig { PerRecipientDomain = new RateLimitConfig { PerSecond = perSecond, Burst = 20 } },
        };

        AssertProblem(outbound, "$.outbound.rateLimits.perRecipientDomain.perSecond", "is out of range; use more than 0 and at most 1000 mails per second");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void Validate_Burst_IsOneToTenThousand(int burst)
    {
        var outbound = new OutboundConfig
        {
            RateLimits = new OutboundRateLimitsConfig { PerApp = new RateLimitConfig { PerSecond = 10, Burst = burst } },
        };

        AssertProblem(outbound, "$.outbound.rateLimits.perApp.burst", $"{burst} is out of range; use 1 to 10000 mails");
    }

    [Fact]
    public void Validate_NullOutboundSections_AreProblemsNotLaterCrashes()
    {
        Assert.Equal("$.outbound", Assert.Single(ConfigValidator.Validate(s_valid with { Outbound = null! })).Path);
        AssertProblem(new OutboundConfig { RateLimits = null! }, "$.outbound.rateLimits", "is null; remove the property to use the defaults");
        AssertProblem(new OutboundConfig { RateLimits = new OutboundRateLimitsConfig { PerApp = null! } }, "$.outbound.rateLimits.perApp", "is null");
        AssertProblem(new OutboundConfig { RateLimits = new OutboundRateLimitsConfig { PerRecipientDomain = null! } }, "$.outbound.rateLimits.perRecipientDomain", "is null");
    }

    [Fact]
    public void Validate_NoRelay_IsValid()
    {
        Assert.Empty(ConfigValidator.Validate(s_valid with { Outbound = new OutboundConfig { Relay = null } }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_ARelayWithoutHost_IsRefused(string host)
    {
        AssertProblem(new OutboundConfig { Relay = s_relay with { Host = host } }, "$.outbound.relay.host", "a relay needs a host");
    }

    [Theory]
    [InlineData("smtp://smtp.acme.com")]
    [InlineData("smtp.acme.com:587")]
    [InlineData("smtp acme com")]
    public void Validate_ARelayHostWithSchemePortOrSpaces_IsRefused(string host)
    {
        AssertProblem(new OutboundConfig { Relay = s_relay with { Host = host } }, "$.outbound.relay.host", $"'{host}' is not a host name or IP address");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("smtp.acme.com")]
    public void Validate_RelayHostNamesAndAddresses_AreAccepted(string host)
    {
        Assert.Empty(ConfigValidator.Validate(s_valid with { Outbound = new OutboundConfig { Relay = s_relay with { Host = host } } }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_RelayPort_IsATcpPort(int port)
    {
        AssertProblem(new OutboundConfig { Relay = s_relay with { Port = port } }, "$.outbound.relay.port", $"{port} is out of range; use 1 to 65535");
    }

    [Theory]
    [InlineData("ssl")]
    [InlineData("STARTTLS")]
    [InlineData("")]
    public void Validate_RelaySecurity_IsNoneStartTlsOrTls(string security)
    {
        AssertProblem(new OutboundConfig { Relay = s_relay with { Security = security } }, "$.outbound.relay.security",
            $"'{security}' is not a security mode; use \"none\", \"starttls\"");
    }

    [Fact]
    public void Validate_AUsernameWithoutAPasswordVariable_IsRefused()
    {
        AssertProblem(new OutboundConfig { Relay = s_relay with { Username = "mailflow" } }, "$.outbound.relay.passwordEnvironmentVariable",
            "a username needs a password; name the environment variable that holds it");
    }

    [Fact]
    public void Validate_APasswordVariableWithoutAUsername_IsRefused()
    {
        AssertProblem(new OutboundConfig { Relay = s_relay with { PasswordEnvironmentVariable = "RELAY_PASSWORD" } }, "$.outbound.relay.passwordEnvironmentVariable",
            "a password is only used with a username");
    }

    [Fact]
    public void Validate_AnEmptyUsername_IsRefused()
    {
        AssertProblem(new OutboundConfig { Relay = s_relay with { Username = "", PasswordEnvironmentVariable = "RELAY_PASSWORD" } }, "$.outbound.relay.username", "is empty");
    }

    [Theory]
    [InlineData("1PASSWORD")]
    [InlineData("RELAY-PASSWORD")]
    [InlineData("")]
    [InlineData("hunter2 !")]
    public void Validate_APasswordVariableThatIsNotAVariableName_IsRefused(string name)
    {
        AssertProblem(new OutboundConfig { Relay = s_relay with { Username = "mailflow", PasswordEnvironmentVariable = name } },
            "$.outbound.relay.passwordEnvironmentVariable", "is not an environment variable name");
    }

    [Fact]
    public void Validate_APasswordWrittenWhereItsVariableBelongs_IsNotEchoed()
    {
        const string Password = "S3cret-P@ssw0rd!";

        var problem = Single(new OutboundConfig { Relay = s_relay with { Username = "mailflow", PasswordEnvironmentVariable = Password } });

        Assert.DoesNotContain(Password, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManyOutboundProblems_AreAllReportedAtOnce()
    {
        var outbound = new OutboundConfig
        {
            IdempotencyTtlHours = 0,
            MaxRecipients = 100,
            MaxHops = 0,
            RateLimits = new OutboundRateLimitsConfig { PerApp = new RateLimitConfig() },
            Relay = new RelayConfig { Host = "", Port = 0, Security = "ssl", PasswordEnvironmentVariable = "PW" },
        };

        Assert.Equal(
        [
            "$.outbound.idempotencyTtlHours", "$.outbound.maxRecipients", "$.outbound.maxHops",
            "$.outbound.rateLimits.perApp.perSecond", "$.outbound.rateLimits.perApp.burst",
            "$.outbound.relay.host", "$.outbound.relay.port", "$.outbound.relay.security", "$.outbound.relay.passwordEnvironmentVariable",
        ], ConfigValidator.Validate(s_valid with { Outbound = outbound }).Select(p => p.Path));
    }
}
