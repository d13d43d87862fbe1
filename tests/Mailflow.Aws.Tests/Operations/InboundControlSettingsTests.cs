using Mailflow.Aws.Operations;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>The API function's three switch settings: optional for the worker, required (and named) for the API.</summary>
public sealed class InboundControlSettingsTests
{
    private static readonly Dictionary<string, string> s_base = new(StringComparer.Ordinal)
    {
        ["MAILFLOW_ATTACHMENT_BUCKET"] = "attachments",
        ["MAILFLOW_TABLE"] = "table",
        ["MAILFLOW_API_URL"] = "https://api.example.test",
        ["MAILFLOW_LINK_SIGNING_KEY"] = Convert.ToBase64String(new byte[32]),
        ["MAILFLOW_ENV"] = "prod",
    };

    private static DeploymentSettings Settings(params (string Name, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>(s_base, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }
        return DeploymentSettings.FromEnvironment(variables.GetValueOrDefault);
    }

    [Fact]
    public void The_worker_starts_without_the_switch_settings()
    {
        var settings = Settings();

        Assert.Null(settings.InboundMappingId);
        Assert.Null(settings.ReceiptRuleSet);
        Assert.Null(settings.ReceiptRule);
    }

    [Fact]
    public void The_API_without_them_gets_an_init_error_naming_each_missing_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Settings(("MAILFLOW_RECEIPT_RULE_SET", "mailflow-prod"), ("MAILFLOW_RECEIPT_RULE", " ")).RequireInboundControl());

        Assert.StartsWith("The function is not configured:", error.Message, StringComparison.Ordinal);
        Assert.Contains("MAILFLOW_INBOUND_MAPPING_ID is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("MAILFLOW_RECEIPT_RULE is not set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MAILFLOW_RECEIPT_RULE_SET is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_for_the_API_take_the_targets_the_queue_retention_and_the_endpoint_overrides()
    {
        var settings = Settings(("MAILFLOW_INBOUND_MAPPING_ID", " a1b2 "), ("MAILFLOW_RECEIPT_RULE_SET", "mailflow-prod"), ("MAILFLOW_RECEIPT_RULE", "mailflow-prod-inbound"),
            ("MAILFLOW_CONFIG", """{"environment":"prod","domains":["acme.com"],"apps":[{"name":"invoices"}],"retention":{"queueMessageSeconds":86400}}"""));
        var aws = AwsEnvironment.FromEnvironment(new Dictionary<string, string>
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL_LAMBDA"] = "http://127.0.0.1:9001",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566",
        }.GetValueOrDefault);

        var options = AwsInboundControlOptions.For(settings, aws);

        Assert.Equal(new InboundControlTargets("a1b2", "mailflow-prod", "mailflow-prod-inbound"), options.Targets);
        Assert.Equal(new Uri("http://127.0.0.1:9001"), options.LambdaEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), options.SesEndpoint);
        Assert.Equal("mailflow-prod-inbound", options.InboundQueue);
        Assert.Equal(TimeSpan.FromDays(1), options.InboundQueueRetention);
    }

    [Fact]
    public void Without_overrides_the_endpoints_are_the_regions_Lambda_and_SES_hosts()
    {
        var settings = Settings(("MAILFLOW_INBOUND_MAPPING_ID", "a1b2"), ("MAILFLOW_RECEIPT_RULE_SET", "s"), ("MAILFLOW_RECEIPT_RULE", "r"));
        var aws = AwsEnvironment.FromEnvironment(new Dictionary<string, string> { ["AWS_REGION"] = "eu-central-1", ["AWS_ENDPOINT_URL_SES"] = "http://127.0.0.1:9002" }.GetValueOrDefault);

        var options = AwsInboundControlOptions.For(settings, aws);

        Assert.Equal(new Uri("https://lambda.eu-central-1.amazonaws.com"), options.LambdaEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9002"), options.SesEndpoint);
        Assert.Equal(new Uri("https://email.eu-west-1.amazonaws.com"), AwsInboundControlOptions.DefaultSesEndpoint("eu-west-1"));
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_LAMBDA")]
    [InlineData("AWS_ENDPOINT_URL_SES")]
    public void A_malformed_Lambda_or_SES_endpoint_fails_at_start_up_naming_its_variable(string variable)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AwsEnvironment.FromEnvironment(new Dictionary<string, string> { [variable] = "localhost:9001" }.GetValueOrDefault));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(345_600, "4 days")]
    [InlineData(86_400, "1 day")]
    [InlineData(43_200, "12 hours")]
    [InlineData(5_400, "90 minutes")]
    [InlineData(61, "61 seconds")]
    public void The_retention_is_said_in_its_largest_whole_unit(int seconds, string said)
    {
        Assert.Equal(said, AwsInboundConsequences.Describe(TimeSpan.FromSeconds(seconds)));
    }
}
