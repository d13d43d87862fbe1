using CoreSettings = Mailflow.Core.Dashboard.DashboardSettings;

namespace Mailflow.Cdk.Tests;

/// <summary>The CDK app does not reference Core, so the page's CSP is written twice: here they are held to one text.</summary>
public sealed class ContentSecurityPolicyAgreementTests
{
    [Theory]
    [InlineData("https://abc.execute-api.eu-west-1.amazonaws.com")]
    [InlineData("https://abc.execute-api.eu-west-1.amazonaws.com", "https://login.acme.com", "https://acme.auth.eu-west-1.amazoncognito.com")]
    public void CloudFront_sends_the_policy_mailflow_run_sends_for_the_same_origins(string apiUrl, params string[] signInOrigins) =>
        Assert.Equal(CoreSettings.ContentSecurityPolicy([apiUrl, .. signInOrigins]), Features.Dashboard.ContentSecurityPolicy(apiUrl, signInOrigins));
}
