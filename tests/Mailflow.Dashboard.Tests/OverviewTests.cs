using System.Text.Json;
using Mailflow.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OverviewTests(Chromium chromium) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_overview_shows_the_mail_just_sent_in_its_totals_charts_and_per_app_table()
    {
        await _host.SendMailAsync("_invoices@example.com", "Invoice 1");
        await _host.SendMailAsync("_invoices@example.com", "Invoice 2");
        await _host.SendMailAsync("nobody@example.com", "Unroutable");
        await _host.WaitForMailsAsync(3);

        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer");

        await Assertions.Expect(Tile(page, "Received")).ToHaveTextAsync("3");
        await Assertions.Expect(Tile(page, "Routed")).ToHaveTextAsync("2");
        await Assertions.Expect(Tile(page, "Quarantined")).ToHaveTextAsync("1");
        var mailChart = page.GetByRole(AriaRole.Figure).Filter(new() { HasText = "Mail" }).First;
        await Assertions.Expect(mailChart).ToContainTextAsync("received 3, routed 2, quarantined 1");
        Assert.Equal(1, await mailChart.Locator("canvas").CountAsync());
        // The chart draws the ledger's per-minute series (not the summary the caption reads): the minutes add up to the mail sent.
        using (var plotted = JsonDocument.Parse((await mailChart.GetAttributeAsync("data-totals"))!))
        {
            Assert.Equal(3, plotted.RootElement.GetProperty("Received").GetDouble());
            Assert.Equal(2, plotted.RootElement.GetProperty("Routed").GetDouble());
            Assert.Equal(1, plotted.RootElement.GetProperty("Quarantined").GetDouble());
            Assert.Equal(0, plotted.RootElement.GetProperty("Failed").GetDouble());
        }
        var invoices = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "invoices" });
        await Assertions.Expect(invoices).ToContainTextAsync("2");
        await Assertions.Expect(page.GetByRole(AriaRole.Figure).Filter(new() { HasText = "Processing latency" })).ToContainTextAsync("from 3 mails");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task The_overview_refreshes_itself_and_shows_mail_that_arrived_after_it_opened()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.Clock.InstallAsync();
        await page.GotoAsync($"{_host.Url}#token={await _host.Mailflow.TokenAsync("viewer")}");
        await Assertions.Expect(Tile(page, "Received")).ToHaveTextAsync("0");

        await _host.SendMailAsync("_support@example.com", "Arrived later");
        await _host.WaitForMailsAsync(1);
        await page.Clock.RunForAsync(31_000);

        await Assertions.Expect(Tile(page, "Received")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Choosing_a_window_shows_its_figures()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer");

        await page.GetByRole(AriaRole.Button, new() { Name = "7d" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "7d" })).ToHaveAttributeAsync("aria-pressed", "true");
        // The same page with another window: focus stays on the chooser, not thrown back to the heading.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "7d" })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByText("Figures for the last 7 days")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Figure).Filter(new() { HasText = "Mail" }).First).ToContainTextAsync("Per hour");
    }

    [Fact]
    public async Task A_failing_api_call_says_what_failed_and_retry_loads_it()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.RouteAsync("**/api/metrics/summary*", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/json",
            Body = """{"error":"unavailable","message":"The ledger is not answering."}""",
        }));
        await page.GotoAsync($"{_host.Url}#token={await _host.Mailflow.TokenAsync("viewer")}");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not load the figures. The ledger is not answering. (503 unavailable)");
        await PageChecks.ScreenshotAsync(page, "overview-error");
        await page.UnrouteAsync("**/api/metrics/summary*");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Assertions.Expect(Tile(page, "Received")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task A_banner_says_when_inbound_is_paused_on_every_page()
    {
        using var pause = await _host.Mailflow.ApiAsync(HttpMethod.Post, "/api/inbound/pause", await _host.Mailflow.TokenAsync("operator"));
        pause.EnsureSuccessStatusCode();

        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer");

        var banner = page.GetByRole(AriaRole.Region, new() { Name = "Alerts" });
        await Assertions.Expect(banner).ToContainTextAsync("Inbound mail is paused.");
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
        await Assertions.Expect(banner).ToContainTextAsync("Inbound mail is paused.");
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_overview_fits_the_screen_width()
    {
        await _host.SendMailAsync("_invoices@example.com", "On a phone");
        await _host.WaitForMailsAsync(1);

        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", width: 390, height: 844);

        await Assertions.Expect(Tile(page, "Received")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "overview-phone");
    }

    private static ILocator Tile(IPage page, string label) => page.Locator($".tile-value[data-metric='{label}']");
}
