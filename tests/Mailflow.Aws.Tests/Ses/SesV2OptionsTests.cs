using Mailflow.Aws.Ses;

namespace Mailflow.Aws.Tests.Ses;

public sealed class SesV2OptionsTests
{
    private static AwsEnvironment Environment(Dictionary<string, string?> variables) => AwsEnvironment.FromEnvironment(variables.GetValueOrDefault);

    [Fact]
    public void Without_overrides_the_endpoint_is_the_regional_SES_endpoint() =>
        Assert.Equal(new Uri("https://email.eu-west-1.amazonaws.com"), SesV2Options.EndpointFor(Environment(new() { ["AWS_REGION"] = "eu-west-1" })));

    [Fact]
    public void The_SESv2_variable_wins_over_the_global_one()
    {
        var both = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566",
            ["AWS_ENDPOINT_URL_SESV2"] = "http://127.0.0.1:8005",
        };

        Assert.Equal(new Uri("http://127.0.0.1:8005"), SesV2Options.EndpointFor(Environment(both)));
        Assert.Equal(new Uri("http://127.0.0.1:4566"), SesV2Options.EndpointFor(Environment(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566" })));
    }

    [Fact]
    public void Ignoring_configured_endpoints_applies_to_SES_too()
    {
        var ignored = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL_SESV2"] = "http://127.0.0.1:8005",
            ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true",
        };

        Assert.Equal(new Uri("https://email.eu-west-1.amazonaws.com"), SesV2Options.EndpointFor(Environment(ignored)));
    }

    [Fact]
    public void A_SESv2_variable_that_is_not_a_URL_is_refused_naming_it()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Environment(new() { ["AWS_ENDPOINT_URL_SESV2"] = "localhost:8005" }));

        Assert.Contains("AWS_ENDPOINT_URL_SESV2", refused.Message, StringComparison.Ordinal);
    }
}
