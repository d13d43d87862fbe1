using System.Text;
using System.Text.Json;
using Mailflow.Dashboard.Tests.Support;
using Mailflow.Testing.Processes;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OperationsPageTests(Chromium chromium) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Pausing_first_names_the_consequence_then_the_page_and_banner_say_paused_and_smtp_answers_451_until_resumed()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/operations");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause processing" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Pause processing?" });
        await Assertions.Expect(dialog).ToContainTextAsync("Mail waits and nothing is lost: senders are asked to retry later (locally the SMTP listener answers 451 4.3.2");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "operations-confirm-pause");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Pause processing" }).ClickAsync();

        var outcome = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Paused." });
        await Assertions.Expect(outcome).ToContainTextAsync("Inbound mail enabled → paused.");
        await Assertions.Expect(outcome).ToContainTextAsync("New mail gets 451 4.3.2");
        await Assertions.Expect(State(page)).ToHaveTextAsync("paused");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Alerts" })).ToContainTextAsync("Inbound mail is paused.");
        var refused = await ExternalTool.SwaksAsync(_host.Mailflow.SmtpPort, "--from", "alice@sender.org", "--to", "_invoices@example.com");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("451 4.3.2", refused.All, StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "operations-paused");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume processing" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Resume processing?" }).GetByRole(AriaRole.Button, new() { Name = "Resume processing" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Resumed." })).ToContainTextAsync("Inbound mail paused → enabled.");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
        await Assertions.Expect(page.Locator("#banner")).Not.ToContainTextAsync("Inbound mail is paused.");
        await _host.SendMailAsync("_invoices@example.com", "Accepted again");
    }

    [Fact]
    public async Task A_switch_made_elsewhere_is_read_again_before_the_dialog_states_the_consequence()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/operations");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
        using (var pause = await _host.Mailflow.ApiAsync(HttpMethod.Post, "/api/inbound/pause", await _host.Mailflow.TokenAsync("operator")))
        {
            pause.EnsureSuccessStatusCode();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause processing" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Pause processing?" });
        await Assertions.Expect(dialog).ToContainTextAsync("Inbound mail is already paused: this changes nothing.");
        await Assertions.Expect(State(page)).ToHaveTextAsync("paused");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", "#/operations");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable inbound" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Disable inbound?" });
        await Assertions.Expect(dialog).ToContainTextAsync("Senders get rejections");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
        var inbound = await _host.Mailflow.ApiGetAsync("/api/inbound", "viewer");
        Assert.Equal("enabled", inbound.GetProperty("state").GetString());
        Assert.Equal(0, (await _host.Mailflow.ApiGetAsync("/api/audit", "viewer")).GetProperty("items").GetArrayLength());
        await _host.SendMailAsync("_invoices@example.com", "Still accepted");
    }

    [Fact]
    public async Task The_switches_work_from_the_keyboard_escape_cancels_and_focus_returns_to_the_switch()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/operations");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
        var pauseButton = page.GetByRole(AriaRole.Button, new() { Name = "Pause processing" });
        await pauseButton.FocusAsync();

        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Pause processing?" });
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
        await Assertions.Expect(pauseButton).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Pause processing" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(State(page)).ToHaveTextAsync("paused");
        await Assertions.Expect(pauseButton).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_viewer_sees_no_switch_an_operator_sees_pause_and_resume_and_an_admin_all_four()
    {
        string[] all = ["Pause processing", "Resume processing", "Disable inbound", "Enable inbound"];
        var expected = new Dictionary<string, string[]>
        {
            ["viewer"] = [],
            ["operator"] = ["Pause processing", "Resume processing"],
            ["admin"] = all,
        };
        foreach (var (role, shown) in expected)
        {
            var page = await _host.SignedInPageAsync(chromium.Browser, role, "#/operations");
            await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
            foreach (var name in all)
            {
                // Not rendered at all (issue 8), not merely disabled.
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(shown.Contains(name) ? 1 : 0);
            }
            if (role == "viewer")
            {
                await Assertions.Expect(page.GetByText("Pausing and resuming need the operator role")).ToBeVisibleAsync();
                await PageChecks.AssertAccessibleAsync(page);
                await PageChecks.ScreenshotAsync(page, "operations-viewer");
            }
        }
    }

    [Fact]
    public async Task An_admin_disables_inbound_so_smtp_answers_550_and_enables_it_again()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", "#/operations");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable inbound" }).ClickAsync();
        var disable = page.GetByRole(AriaRole.Dialog, new() { Name = "Disable inbound?" });
        await Assertions.Expect(disable).ToContainTextAsync("locally the SMTP listener answers 550 5.7.1; on AWS SES refuses the mail and senders get a bounce.");
        await disable.GetByRole(AriaRole.Button, new() { Name = "Disable inbound" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Disabled." })).ToContainTextAsync("Inbound mail enabled → disabled.");
        await Assertions.Expect(State(page)).ToHaveTextAsync("disabled");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Alerts" })).ToContainTextAsync("Inbound mail is disabled.");
        var refused = await ExternalTool.SwaksAsync(_host.Mailflow.SmtpPort, "--from", "alice@sender.org", "--to", "_invoices@example.com");
        Assert.Contains("550 5.7.1", refused.All, StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "operations-disabled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enable inbound" }).ClickAsync();
        var enable = page.GetByRole(AriaRole.Dialog, new() { Name = "Enable inbound?" });
        await Assertions.Expect(enable).ToContainTextAsync("Mail rejected while inbound was disabled does not come back");
        await enable.GetByRole(AriaRole.Button, new() { Name = "Enable inbound" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Enabled." })).ToContainTextAsync("Inbound mail disabled → enabled.");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
        await _host.SendMailAsync("_invoices@example.com", "Enabled again");
    }

    [Fact]
    public async Task The_audit_trail_lists_the_pause_with_the_operators_subject_and_loads_older_actions_on_demand()
    {
        var token = await _host.Mailflow.TokenAsync("operator");
        for (var i = 0; i < 20; i++)
        {
            using var resume = await _host.Mailflow.ApiAsync(HttpMethod.Post, "/api/inbound/resume", token);
            resume.EnsureSuccessStatusCode();
        }
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.GotoAsync($"{_host.Url}#token={token}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();
        await page.EvaluateAsync("() => { location.hash = '#/operations'; }");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause processing" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Pause processing" }).ClickAsync();

        var trail = page.GetByRole(AriaRole.Region, new() { Name = "Recent operator and admin actions, newest first" });
        var rows = trail.Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("inbound.pause");
        await Assertions.Expect(rows.First).ToContainTextAsync(SubjectOf(token));
        await Assertions.Expect(rows.First).ToContainTextAsync("inbound enabled → paused");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(21);
        await Assertions.Expect(rows.Last).ToContainTextAsync("inbound.resume");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToBeHiddenAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "operations-audit");
    }

    [Fact]
    public async Task A_failing_inbound_state_call_says_what_failed_and_retry_loads_it()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.RouteAsync("**/api/inbound", route => route.FulfillAsync(new()
        {
            Status = 502,
            ContentType = "application/json",
            Body = """{"error":"inbound-control-denied","message":"Lambda refused GetEventSourceMapping: check the API function's role."}""",
        }));
        await page.GotoAsync($"{_host.Url}#token={await _host.Mailflow.TokenAsync("operator")}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();
        await page.EvaluateAsync("() => { location.hash = '#/operations'; }");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync(
            "Could not load the inbound state. Lambda refused GetEventSourceMapping: check the API function's role. (502 inbound-control-denied)");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "operations-error");
        await page.UnrouteAsync("**/api/inbound");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
    }

    [Fact]
    public async Task A_switch_the_platform_refuses_says_what_failed_and_leaves_the_state_as_it_was()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/operations");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
        await page.RouteAsync("**/api/inbound/pause", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/json",
            Body = """{"error":"inbound-control-unavailable","message":"Lambda is still applying the last change to the event source mapping; try again in a minute."}""",
        }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause processing" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Pause processing" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(
            "Could not pause inbound mail. Lambda is still applying the last change to the event source mapping; try again in a minute. (503 inbound-control-unavailable)");
        await Assertions.Expect(State(page)).ToHaveTextAsync("enabled");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "operations-switch-refused");
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_operations_page_and_its_dialog_fit_the_screen_width()
    {
        using var pause = await _host.Mailflow.ApiAsync(HttpMethod.Post, "/api/inbound/pause", await _host.Mailflow.TokenAsync("operator"));
        pause.EnsureSuccessStatusCode();

        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", "#/operations", width: 390, height: 844);

        await Assertions.Expect(State(page)).ToHaveTextAsync("paused");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("inbound.pause");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "operations-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable inbound" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the dialog scrolls sideways at 390 px");
        await PageChecks.ScreenshotAsync(page, "operations-phone-confirm");
    }

    private static ILocator State(IPage page) => page.Locator(".inbound-state-name");

    /// <summary>The token's <c>sub</c> (RFC 7519 §3: the payload is base64url JSON), which the audit trail names as who.</summary>
    private static string SubjectOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return claims.RootElement.GetProperty("sub").GetString()!;
    }
}
