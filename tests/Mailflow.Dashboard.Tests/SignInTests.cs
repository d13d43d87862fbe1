using Mailflow.Core.Configuration;
using Mailflow.Dashboard.Tests.Support;
using Mailflow.Local.Auth;
using Mailflow.Local.Storage;
using Mailflow.Testing.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(Chromium chromium) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_link_mailflow_run_prints_signs_in_as_operator_and_leaves_no_token_in_the_address()
    {
        var page = await _host.NewPageAsync(chromium.Browser);

        await page.GotoAsync(_host.SignInLink);

        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();
        Assert.Equal("operator", await page.Locator(".who .role").TextContentAsync());
        Assert.Equal(Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "local", await page.Locator(".who .subject").TextContentAsync());
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        Assert.EndsWith("#/overview", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_sign_in_page_takes_a_pasted_viewer_token()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.GotoAsync(_host.Url);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Mailflow" }).WaitForAsync();
        Assert.False(await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).IsVisibleAsync());
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "sign-in");

        await page.GetByLabel("Bearer token (JWT)").FillAsync(await _host.Mailflow.TokenAsync("viewer"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();
        Assert.Equal("viewer", await page.Locator(".who .role").TextContentAsync());
    }

    [Fact]
    public async Task A_pasted_value_that_is_not_a_jwt_is_refused_with_the_reason()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.GotoAsync(_host.Url);

        await page.GetByLabel("Bearer token (JWT)").FillAsync("not-a-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That is not a JWT");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('mailflow.token')"));
    }

    [Fact]
    public async Task A_pasted_token_the_api_refuses_is_not_kept_and_the_api_reason_is_shown()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.GotoAsync(_host.Url);
        // Right issuer and audience, but signed by a key this mailflow run does not trust.
        var forged = TestTokens.Mint("admin", issuer: ApiConfig.LocalIssuer);

        await page.GetByLabel("Bearer token (JWT)").FillAsync(forged);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The API refused the token");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('mailflow.token')"));
    }

    [Fact]
    public async Task An_expired_token_lands_on_sign_in_with_the_reason()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        var twoHoursAgo = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddHours(-2));
        string expired;
        using (var key = LocalSigningKey.LoadOrCreate(new DataDirectory(_host.Mailflow.DataDir)))
        {
            expired = key.Mint("ann", "admin", TimeSpan.FromHours(1), twoHoursAgo, ApiConfig.LocalIssuer, ApiConfig.DefaultAudience);
        }

        await page.GotoAsync($"{_host.Url}#token={expired}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Mailflow" }).WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your session has expired");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "sign-in-expired");
    }

    [Fact]
    public async Task A_token_the_api_stops_accepting_mid_session_returns_to_sign_in_with_the_api_reason()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        var forged = TestTokens.Mint("admin", issuer: ApiConfig.LocalIssuer);

        // The link form stores any token; the overview's first API call gets 401 and ends the session.
        await page.GotoAsync($"{_host.Url}#token={forged}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Mailflow" }).WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("The API refused the token");
    }

    [Fact]
    public async Task A_link_token_is_taken_only_from_an_exact_token_fragment()
    {
        var page = await _host.NewPageAsync(chromium.Browser);

        await page.GotoAsync($"{_host.Url}#/messages?token={await _host.Mailflow.TokenAsync("admin")}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Mailflow" }).WaitForAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('mailflow.token')"));
    }

    [Fact]
    public async Task The_root_address_the_skip_link_and_an_unreadable_address_lead_where_they_should()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer");

        await page.GotoAsync(_host.Url);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();

        await page.EvaluateAsync("() => { location.hash = '#/messages/%E0'; }");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" }).WaitForAsync();
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Signing_out_forgets_the_token()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Mailflow" }).WaitForAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('mailflow.token')"));
    }
}
