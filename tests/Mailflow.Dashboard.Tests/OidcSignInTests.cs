using Mailflow.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests;

/// <summary>Sign-in through an OpenID Connect provider: authorization code with PKCE, in Chromium, against the real API.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OidcSignInTests(Chromium chromium)
{
    [Fact]
    public async Task Signing_in_with_the_provider_redeems_the_code_with_its_pkce_verifier_and_opens_the_overview_as_that_person()
    {
        await using var provider = StubOidcProvider.Start("ann@acme.example", "admin");
        await using var host = await DashboardHost.StartAsync(provider.MailflowConfig("mailflow-dashboard"));
        Assert.Contains(host.Mailflow.Output, line => line.StartsWith("dashboard ", StringComparison.Ordinal) && line.Contains($"sign in with a token from {provider.Issuer}", StringComparison.Ordinal));
        var page = await host.NewPageAsync(chromium.Browser);
        await page.GotoAsync(host.Url);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "sign-in-oidc");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();
        await Assertions.Expect(page.Locator(".who .subject")).ToHaveTextAsync("ann@acme.example");
        await Assertions.Expect(page.Locator(".who .role")).ToHaveTextAsync("admin");
        await Assertions.Expect(page.Locator(".tile-value[data-metric='Received']")).ToHaveTextAsync("0");
        Assert.Single(provider.AcceptedVerifiers);
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_from_the_provider_returns_to_sign_in_with_its_reason()
    {
        await using var provider = StubOidcProvider.Start("ann@acme.example", "admin", denial: "access_denied");
        await using var host = await DashboardHost.StartAsync(provider.MailflowConfig("mailflow-dashboard"));
        var page = await host.NewPageAsync(chromium.Browser);
        await page.GotoAsync(host.Url);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The sign-in provider refused: The user cancelled the sign-in.");
        Assert.Empty(provider.AcceptedVerifiers);
    }
}
