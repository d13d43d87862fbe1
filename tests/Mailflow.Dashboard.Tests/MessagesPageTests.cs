using System.Text.RegularExpressions;
using Mailflow.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class MessagesPageTests(Chromium chromium) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Searching_by_subject_text_finds_the_mail_sent_over_smtp_and_the_search_is_in_the_address()
    {
        await _host.SendMailAsync("_invoices@example.com", "Invoice 42 for March");
        await _host.SendMailAsync("_support@example.com", "Cannot log in");
        await WaitUntilProcessedAsync(2);
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages");
        await Assertions.Expect(Results(page)).ToHaveCountAsync(2);

        await page.GetByLabel("Text").FillAsync("invoice 42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Results(page).First).ToContainTextAsync("Invoice 42 for March");
        await Assertions.Expect(Results(page).First).ToContainTextAsync("invoices");
        Assert.EndsWith("#/messages?q=invoice+42", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("1 mail shown: all that match.")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "messages-search");

        await Results(page).First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invoice 42 for March", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to messages" }).ClickAsync();

        await Assertions.Expect(page.GetByLabel("Text")).ToHaveValueAsync("invoice 42");
        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Searching_by_app_finds_only_that_apps_mail_and_the_overviews_link_opens_the_same_search()
    {
        await _host.SendMailAsync("_invoices@example.com", "Invoice 7");
        await _host.SendMailAsync("_support@example.com", "Printer on fire");
        await WaitUntilProcessedAsync(2);
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages");
        await Assertions.Expect(Results(page)).ToHaveCountAsync(2);

        await page.GetByLabel("App", new() { Exact = true }).FillAsync("support");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Results(page).First).ToContainTextAsync("Printer on fire");

        await page.GotoAsync($"{_host.Url}#/overview");
        await page.GetByRole(AriaRole.Link, new() { Name = "invoices" }).ClickAsync();

        await Assertions.Expect(page.GetByLabel("App", new() { Exact = true })).ToHaveValueAsync("invoices");
        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Results(page).First).ToContainTextAsync("Invoice 7");
    }

    [Fact]
    public async Task Filtering_by_status_shows_only_mail_with_that_status()
    {
        await _host.SendMailAsync("_invoices@example.com", "Routed mail");
        await _host.SendMailAsync("nobody@example.com", "Nobody wants this");
        await WaitUntilProcessedAsync(2);
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages");
        await Assertions.Expect(Results(page)).ToHaveCountAsync(2);

        await page.GetByLabel("Status").SelectOptionAsync("quarantined");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Results(page).First).ToContainTextAsync("Nobody wants this");
        await Assertions.Expect(Results(page).First).ToContainTextAsync("quarantined");
        Assert.EndsWith("#/messages?status=quarantined", page.Url, StringComparison.Ordinal);
        await PageChecks.ScreenshotAsync(page, "messages-quarantined");
    }

    [Fact]
    public async Task The_time_range_keeps_mail_inside_it_and_an_until_before_the_since_is_refused()
    {
        await _host.SendMailAsync("_invoices@example.com", "Sent today");
        await WaitUntilProcessedAsync(1);
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages");

        await page.GetByLabel("Since").FillAsync("2020-01-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
        Assert.Matches(SinceInHash(), page.Url);

        await page.GetByLabel("Until").FillAsync("2020-01-02T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No mail matches this search.")).ToBeVisibleAsync();

        await page.GetByLabel("Since").FillAsync("2020-01-03T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Until is before Since");
    }

    [Fact]
    public async Task A_linked_search_with_an_unreadable_time_shows_the_apis_reason_without_retry()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages?since=yesterday");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("The search was refused. since and until are ISO 8601 times with an offset");
        await Assertions.Expect(alert).ToContainTextAsync("(400 invalid-time)");
        await Assertions.Expect(alert.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so_and_an_empty_ledger_says_it_holds_no_mail()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages");
        await Assertions.Expect(page.GetByText("The ledger holds no mail yet.")).ToBeVisibleAsync();

        await page.GetByLabel("Text").FillAsync("no such subject");
        await page.GetByLabel("Text").PressAsync("Enter");

        await Assertions.Expect(page.GetByText("No mail matches this search.")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "messages-empty");
    }

    [Fact]
    public async Task A_failing_search_says_what_failed_and_retry_loads_it()
    {
        await _host.SendMailAsync("_invoices@example.com", "After the outage");
        await WaitUntilProcessedAsync(1);
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer");
        await page.RouteAsync("**/api/messages?*", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/json",
            Body = """{"error":"unavailable","message":"The ledger is not answering."}""",
        }));
        await page.GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not load the messages. The ledger is not answering. (503 unavailable)");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "messages-error");
        await page.UnrouteAsync("**/api/messages?*");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Load_more_follows_the_cursor_until_every_match_is_shown()
    {
        await _host.SendMailAsync("_invoices@example.com", "First");
        await _host.SendMailAsync("_invoices@example.com", "Second");
        await _host.SendMailAsync("_invoices@example.com", "Third");
        await WaitUntilProcessedAsync(3);
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer");
        // Pages of two instead of fifty, so three mails need a second page: the API and its cursor are real.
        await page.RouteAsync("**/api/messages?*", route => route.ContinueAsync(new() { Url = route.Request.Url.Replace("limit=50", "limit=2", StringComparison.Ordinal) }));
        await page.GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
        await Assertions.Expect(Results(page)).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByText("2 mails shown; there are more.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();

        await Assertions.Expect(Results(page)).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByText("3 mails shown: all that match.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToHaveCountAsync(0);
        var subjects = await Results(page).Locator("td:first-child").AllTextContentsAsync();
        Assert.Equal(["First", "Second", "Third"], subjects.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_mails_page_shows_its_summary_and_a_timeline_with_the_received_routed_and_queued_steps()
    {
        await _host.SendMailAsync("_invoices@example.com", "Timeline please");
        await WaitUntilProcessedAsync(1);
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages");

        await page.GetByRole(AriaRole.Link, new() { Name = "Timeline please" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline please", Level = 1 })).ToBeVisibleAsync();
        var timeline = page.GetByRole(AriaRole.List, new() { Name = "Timeline" });
        await Assertions.Expect(timeline.Locator(".step-name")).ToContainTextAsync(["received", "stored", "routed", "queued"]);
        await Assertions.Expect(Step(page, "routed")).ToContainTextAsync("Routed to invoices.");
        await Assertions.Expect(Step(page, "queued")).ToContainTextAsync("mailflow-local-invoices");
        await Assertions.Expect(page.Locator(".message-summary")).ToContainTextAsync("routed");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "messages-timeline");
    }

    [Fact]
    public async Task An_admin_downloads_the_raw_mail_as_an_eml_file_with_its_headers()
    {
        await _host.SendMailAsync("_invoices@example.com", "Raw bytes please");
        await WaitUntilProcessedAsync(1);
        var id = await MailIdAsync("Raw bytes please");
        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", $"#/messages/{id}");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download raw mail (.eml)" }).ClickAsync());

        Assert.Equal($"{id}.eml", download.SuggestedFilename);
        var content = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("Subject: Raw bytes please", content, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToContainTextAsync($"Saved {id}.eml");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "messages-raw-downloaded");
    }

    [Fact]
    public async Task An_operator_replays_a_mail_after_reading_the_consequence_and_the_timeline_gains_a_replayed_step()
    {
        await _host.SendMailAsync("_invoices@example.com", "Replay me");
        await WaitUntilProcessedAsync(1);
        var id = await MailIdAsync("Replay me");
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", $"#/messages/{id}");
        await Assertions.Expect(Step(page, "queued")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Replay this mail?" });
        await Assertions.Expect(dialog).ToContainTextAsync("The inbound pipeline runs again on the stored raw mail");
        await Assertions.Expect(dialog).ToContainTextAsync("The envelope ids stay the same");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "messages-replay-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Replay mail" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Replay queued" })).ToContainTextAsync("Replay queued on mailflow-local-inbound");
        await Assertions.Expect(Step(page, "replayed")).ToContainTextAsync("replayed by an operator");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Replay queued" })).ToBeFocusedAsync();
        // The page follows the pipeline after a replay: the mail is routed a second time, to the same queue.
        await Assertions.Expect(Step(page, "routed")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(Step(page, "queued").Last).ToContainTextAsync($"Envelope {id}.invoices put on mailflow-local-invoices.");
        await PageChecks.ScreenshotAsync(page, "messages-replayed");
    }

    [Fact]
    public async Task Cancelling_the_replay_confirmation_replays_nothing()
    {
        await _host.SendMailAsync("_invoices@example.com", "Do not replay");
        await WaitUntilProcessedAsync(1);
        var id = await MailIdAsync("Do not replay");
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", $"#/messages/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var audit = await _host.Mailflow.ApiGetAsync("/api/audit", "viewer");
        Assert.DoesNotContain("message.replay", audit.GetRawText(), StringComparison.Ordinal);
        await Assertions.Expect(Step(page, "replayed")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_viewer_is_offered_neither_raw_download_nor_replay_and_an_operator_only_replay()
    {
        await _host.SendMailAsync("_invoices@example.com", "Who may act");
        await WaitUntilProcessedAsync(1);
        var id = await MailIdAsync("Who may act");

        var viewer = await _host.SignedInPageAsync(chromium.Browser, "viewer", $"#/messages/{id}");
        await Assertions.Expect(Step(viewer, "received")).ToHaveCountAsync(1);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Download raw mail (.eml)" })).ToHaveCountAsync(0);
        await PageChecks.ScreenshotAsync(viewer, "messages-timeline-viewer");

        var operatorPage = await _host.SignedInPageAsync(chromium.Browser, "operator", $"#/messages/{id}");
        await Assertions.Expect(Step(operatorPage, "received")).ToHaveCountAsync(1);
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Button, new() { Name = "Download raw mail (.eml)" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_viewer_sees_addresses_redacted_with_a_notice_and_an_admin_sees_them_in_full()
    {
        await _host.SendMailAsync("_invoices@example.com", "Addressed mail", from: "jane@sender.org");
        await WaitUntilProcessedAsync(1);

        var viewer = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages");
        await Assertions.Expect(Results(viewer).First).ToContainTextAsync("j***@sender.org");
        await Assertions.Expect(Results(viewer).First).Not.ToContainTextAsync("jane@");
        await Assertions.Expect(viewer.GetByText("Addresses are redacted")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(viewer);
        await PageChecks.ScreenshotAsync(viewer, "messages-redacted");
        await viewer.GetByRole(AriaRole.Link, new() { Name = "Addressed mail" }).ClickAsync();
        await Assertions.Expect(viewer.Locator(".message-summary")).ToContainTextAsync("j***@sender.org");
        await Assertions.Expect(viewer.GetByText("Addresses are redacted")).ToBeVisibleAsync();

        var admin = await _host.SignedInPageAsync(chromium.Browser, "admin", "#/messages");
        await Assertions.Expect(Results(admin).First).ToContainTextAsync("jane@sender.org");
        await Assertions.Expect(admin.GetByText("Addresses are redacted")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_viewer_searching_by_address_sees_the_apis_refusal_and_an_admin_finds_the_mail()
    {
        await _host.SendMailAsync("_invoices@example.com", "Find me by sender", from: "jane@sender.org");
        await WaitUntilProcessedAsync(1);

        var viewer = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages");
        await viewer.GetByLabel("Text").FillAsync("jane@sender.org");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var alert = viewer.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Searching by e-mail address needs the admin role");
        await Assertions.Expect(alert).ToContainTextAsync("(403 role-required)");
        await PageChecks.ScreenshotAsync(viewer, "messages-address-search-refused");

        var admin = await _host.SignedInPageAsync(chromium.Browser, "admin", "#/messages?q=jane%40sender.org");
        await Assertions.Expect(Results(admin)).ToHaveCountAsync(1);
        await Assertions.Expect(admin.GetByLabel("Text")).ToHaveValueAsync("jane@sender.org");
    }

    [Fact]
    public async Task An_unknown_mail_id_says_the_ledger_has_no_such_mail()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages/no-such-mail");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not open mail no-such-mail. The ledger has no mail no-such-mail");
        await Assertions.Expect(alert).ToContainTextAsync("(404 message-not-found)");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to messages" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_search_and_the_timeline_fit_the_screen_width()
    {
        await _host.SendMailAsync("_invoices@example.com", "A mail read on a phone with a rather long subject line");
        await WaitUntilProcessedAsync(1);
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/messages", width: 390, height: 844);

        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
        await AssertFitsPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "messages-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "A mail read on a phone" }).ClickAsync();
        await Assertions.Expect(Step(page, "queued")).ToHaveCountAsync(1);
        await AssertFitsPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "messages-timeline-phone");
    }

    private static ILocator Results(IPage page) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Mail, newest first" }).Locator("tbody tr");

    private static ILocator Step(IPage page, string name) =>
        page.GetByRole(AriaRole.List, new() { Name = "Timeline" }).Locator($"li.step-{name}");

    private static async Task AssertFitsPhoneAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");

    /// <summary>
    /// Waits until the ledger holds <paramref name="count"/> mails and the worker has routed or quarantined each: the
    /// page reads the ledger once, so a mail still "received" would show no app and no routed step.
    /// </summary>
    private async Task WaitUntilProcessedAsync(int count)
    {
        await _host.WaitForMailsAsync(count);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var items = (await _host.Mailflow.ApiGetAsync("/api/messages?limit=100", "admin")).GetProperty("items").EnumerateArray().ToList();
            if (items.Count >= count && items.All(item => item.GetProperty("status").GetString() != "received"))
            {
                return;
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the worker had not processed every mail after 30 s");
            await Task.Delay(200);
        }
    }

    private async Task<string> MailIdAsync(string subject)
    {
        var found = await _host.Mailflow.ApiGetAsync($"/api/messages?q={Uri.EscapeDataString(subject)}", "admin");
        return found.GetProperty("items")[0].GetProperty("mailId").GetString()!;
    }

    [GeneratedRegex(@"#/messages\?since=2020-01-0[12]T\d\d%3A00%3A00\.000Z$")]
    private static partial Regex SinceInHash();
}
