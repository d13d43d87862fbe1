using Mailflow.Core.Configuration;

namespace Mailflow.Core.Tests.Configuration;

public class ConfigValidatorTests
{
    private static readonly MailflowConfig s_valid = new()
    {
        Environment = "dev",
        Domains = ["acme.com"],
        Apps = [new AppConfig { Name = "invoices", Addresses = ["billing@acme.com"] }],
    };

    private static string Single(MailflowConfig config) => Assert.Single(ConfigValidator.Validate(config)).ToString();

    [Fact]
    public void Validate_AValidConfig_HasNoProblems()
    {
        Assert.Empty(ConfigValidator.Validate(s_valid));
    }

    [Fact]
    public void Validate_ManyProblems_AreAllReportedAtOnce()
    {
        var config = s_valid with
        {
            Environment = "Prod",
            Domains = ["not a domain"],
            Apps = [new AppConfig { Name = "Bad Name" }, new AppConfig { Name = "x", Addresses = ["x@other.com"] }],
            Limits = new LimitsConfig { MaxMessageBytes = 0 },
        };

        var paths = ConfigValidator.Validate(config).Select(p => p.Path).ToList();

        Assert.Equal(["$.environment", "$.domains[0]", "$.apps[0].name", "$.apps[1].addresses[0]", "$.limits.maxMessageBytes"], paths);
    }

    [Theory]
    [InlineData("inbound")]
    [InlineData("quarantine")]
    [InlineData("orders-dlq")]
    public void Validate_AppNameThatCollidesWithMailflowQueues_IsRefused(string name)
    {
        Assert.StartsWith("$.apps[0].name: ", Single(s_valid with { Apps = [new AppConfig { Name = name }] }), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateAppNames_AreRefused()
    {
        var problem = Single(s_valid with { Apps = [new AppConfig { Name = "a" }, new AppConfig { Name = "a" }] });

        Assert.Equal("$.apps[1].name: the app name 'a' is used twice; app names must be unique.", problem);
    }

    [Fact]
    public void The_longest_allowed_names_still_make_valid_SQS_queue_names()
    {
        var config = s_valid with { Apps = [new AppConfig { Name = "a" + new string('b', 39) }], Environment = "a" + new string('x', 19) };

        Assert.Empty(ConfigValidator.Validate(config));
        Assert.All(QueueNames.All(config), name => Assert.Matches("^[A-Za-z0-9_-]{1,80}$", name));
    }

    [Fact]
    public void Validate_AnAddressClaimedTwice_IsRefused()
    {
        var config = s_valid with
        {
            Apps = [new AppConfig { Name = "a", Addresses = ["x@acme.com"] }, new AppConfig { Name = "b", Addresses = ["X@acme.com"] }],
        };

        Assert.Equal("$.apps[1].addresses[0]: 'X@acme.com' is already claimed by app 'a'; an address routes to one app.", Single(config));
    }

    [Theory]
    [InlineData("catchAll", null, "$.unroutable.app: catchAll needs the name of the app that takes unroutable mail.")]
    [InlineData("catchAll", "ghost", "$.unroutable.app: no app is named 'ghost'; name one of the apps in $.apps.")]
    [InlineData("bounce", null, "$.unroutable.action: 'bounce' is not an action; use \"quarantine\" or \"catchAll\".")]
    [InlineData("quarantine", "invoices", "$.unroutable.app: an app is only used with \"action\": \"catchAll\"; remove it, or set the action to catchAll.")]
    public void Validate_UnroutablePolicy_MustNameARealTarget(string action, string? app, string expected)
    {
        Assert.Equal(expected, Single(s_valid with { Unroutable = new UnroutableConfig { Action = action, App = app } }));
    }

    [Fact]
    public void Validate_CatchAllWithAnExistingApp_IsValid()
    {
        Assert.Empty(ConfigValidator.Validate(s_valid with { Unroutable = new UnroutableConfig { Action = "catchAll", App = "invoices" } }));
    }

    [Fact]
    public void Validate_VerdictTable_AcceptsOnlyKnownStatusesAndActions()
    {
        var config = s_valid with
        {
            Verdicts = new VerdictPolicyConfig
            {
                Spam = new Dictionary<string, string> { ["FAIL"] = "reject", ["MAYBE"] = "accept" },
                Virus = new Dictionary<string, string> { ["GRAY"] = "bounce" },
            },
        };

        Assert.Equal(["$.verdicts.spam.MAYBE", "$.verdicts.virus.GRAY"], ConfigValidator.Validate(config).Select(p => p.Path));
    }

    [Theory]
    [InlineData(1023L)]
    [InlineData(41_943_041L)]
    public void Validate_MaxMessageBytes_StaysWithinWhatSesAccepts(long value)
    {
        Assert.StartsWith("$.limits.maxMessageBytes: ", Single(s_valid with { Limits = new LimitsConfig { MaxMessageBytes = value } }), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AppLimitsAndAttachmentAction_AreChecked()
    {
        var config = s_valid with
        {
            Apps = [new AppConfig { Name = "a", Limits = new LimitsConfig { OnAttachmentViolation = "explode", BlockedExtensions = ["e x e"] } }],
        };

        Assert.Equal(["$.apps[0].limits.onAttachmentViolation", "$.apps[0].limits.blockedExtensions[0]"], ConfigValidator.Validate(config).Select(p => p.Path));
    }

    [Fact]
    public void Validate_RetentionAndLinks_AreRangeChecked()
    {
        var config = s_valid with
        {
            Retention = new RetentionConfig { RawMailDays = 0, QueueMessageSeconds = 10 },
            Links = new LinksConfig { BaseUrl = "ftp://x", TtlHours = 0 },
        };

        Assert.Equal(["$.retention.rawMailDays", "$.retention.queueMessageSeconds", "$.links.baseUrl", "$.links.ttlHours"],
            ConfigValidator.Validate(config).Select(p => p.Path));
    }

    [Fact]
    public void Queue_names_follow_the_documented_pattern_with_dlq_twins()
    {
        Assert.Equal(
        [
            "mailflow-dev-inbound", "mailflow-dev-inbound-dlq", "mailflow-dev-outbound", "mailflow-dev-outbound-dlq",
            "mailflow-dev-quarantine", "mailflow-dev-quarantine-dlq", "mailflow-dev-invoices", "mailflow-dev-invoices-dlq",
        ], QueueNames.All(s_valid));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1001)]
    public void Validate_MaxReceiveCount_IsAtLeastFiveAndAtMostWhatSqsAllows(int value)
    {
        Assert.StartsWith("$.queues.maxReceiveCount: ", Single(s_valid with { Queues = new QueuesConfig { MaxReceiveCount = value } }), StringComparison.Ordinal);
    }
}
