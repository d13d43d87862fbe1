using Mailflow.Aws.Ses;

namespace Mailflow.Aws.Tests.Ses;

public sealed class SesV2OptionsTests
{
    [Fact]
    public void ResolveEndpoint_without_overrides_is_the_regional_SES_endpoint() =>
        Assert.Equal(new Uri("https://email.eu-west-1.amazonaws.com"), SesV2Options.ResolveEndpoint("eu-west-1", _ => null));

    [Fact]
    public void ResolveEndpoint_prefers_the_SESv2_variable_to_the_global_one()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566",
            ["AWS_ENDPOINT_URL_SESV2"] = "http://127.0.0.1:8005",
        };

        Assert.Equal(new Uri("http://127.0.0.1:8005"), SesV2Options.ResolveEndpoint("eu-west-1", name => environment.GetValueOrDefault(name)));
        Assert.Equal(new Uri("http://127.0.0.1:4566"), SesV2Options.ResolveEndpoint("eu-west-1", name => name == "AWS_ENDPOINT_URL" ? environment[name] : null));
    }

    [Fact]
    public void ResolveEndpoint_refuses_a_variable_that_is_not_a_URL()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SesV2Options.ResolveEndpoint("eu-west-1", name => name == "AWS_ENDPOINT_URL_SESV2" ? "localhost:8005" : null));

        Assert.Contains("AWS_ENDPOINT_URL_SESV2", refused.Message, StringComparison.Ordinal);
    }
}
