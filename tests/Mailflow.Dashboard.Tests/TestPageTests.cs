using System.Text.Json;
using Amazon.SQS.Model;
using Mailflow.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class TestPageTests(Chromium chromium) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_test_inbound_mail_links_to_its_timeline_and_reaches_the_apps_queue()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/test");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Test inbound mail" });

        await form.GetByLabel("App").SelectOptionAsync("support");
        await form.GetByLabel("Subject (optional)").FillAsync("Dashboard test inbound");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send test mail" }).ClickAsync();

        var answer = form.GetByRole(AriaRole.Status).Filter(new() { HasText = "Received." });
        await Assertions.Expect(answer).ToContainTextAsync("went to _support@example.com.");
        var mailId = await answer.Locator(".test-mail-id").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(mailId));
        // The page follows the mail's timeline until the worker has put it on the app's queue.
        await Assertions.Expect(answer).ToContainTextAsync($"Where it went: Envelope {mailId}.support put on mailflow-local-support.");
        await Assertions.Expect(answer.GetByRole(AriaRole.Link, new() { Name = "Follow it on its timeline" }))
            .ToHaveAttributeAsync("href", "#/messages/" + Uri.EscapeDataString(mailId));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "test-inbound-sent");

        var envelope = await ReceiveAsync("mailflow-local-support");
        Assert.Equal("support", envelope.GetProperty("app").GetString());
        Assert.Equal(mailId, envelope.GetProperty("sesMessageId").GetString());
        Assert.Equal("Dashboard test inbound", envelope.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_test_outbound_envelope_is_accepted_and_shows_its_id_and_queue()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/test");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Test outbound envelope" });

        await form.GetByLabel("App").SelectOptionAsync("invoices");
        await form.GetByLabel("To", new() { Exact = true }).FillAsync("bob@example.net");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send test envelope" }).ClickAsync();

        var answer = form.GetByRole(AriaRole.Status).Filter(new() { HasText = "Accepted." });
        await Assertions.Expect(answer).ToContainTextAsync("is on mailflow-local-outbound (idempotency key test-");
        var mailId = await answer.Locator(".test-mail-id").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(mailId));
        // Without a relay, mailflow run captures the mail in outbox/ and records it as sent (docs/local-mode.md).
        await Assertions.Expect(answer).ToContainTextAsync("Where it went: Sent as");
        Assert.True(File.Exists(Path.Combine(_host.Mailflow.DataDir, "outbox", mailId + ".eml")), "the mail was not captured in outbox/");
        await Assertions.Expect(answer.GetByRole(AriaRole.Link, new() { Name = "Follow it on its timeline" }))
            .ToHaveAttributeAsync("href", "#/messages/" + Uri.EscapeDataString(mailId));
        var audit = await _host.Mailflow.ApiGetAsync("/api/audit", "admin");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(),
            item => item.GetProperty("action").GetString() == "test.outbound" && item.GetProperty("detail").GetString() == $"test envelope {mailId} from invoices");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "test-outbound-sent");
    }

    [Fact]
    public async Task The_outbound_form_is_filled_and_sent_from_the_keyboard()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/test");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Test outbound envelope" });
        await form.GetByLabel("App").FocusAsync();

        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("carol@example.net");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(form.GetByRole(AriaRole.Status).Filter(new() { HasText = "Accepted." })).ToContainTextAsync("Where it went: Sent as");
        await Assertions.Expect(form.GetByLabel("App")).ToHaveValueAsync("support");
        await Assertions.Expect(form.GetByLabel("To", new() { Exact = true })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_bad_outbound_recipient_shows_the_apis_400_message_next_to_the_form()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/test");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Test outbound envelope" });
        var to = form.GetByLabel("To", new() { Exact = true });

        await to.FillAsync("not an address");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send test envelope" }).ClickAsync();

        await Assertions.Expect(form.GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("The API refused it. to 'not an address' is not an e-mail address. (400 invalid-recipient)");
        await Assertions.Expect(to).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "test-outbound-invalid");
    }

    [Fact]
    public async Task A_test_inbound_mail_while_paused_shows_that_the_receipt_path_refused_it()
    {
        using var pause = await _host.Mailflow.ApiAsync(HttpMethod.Post, "/api/inbound/pause", await _host.Mailflow.TokenAsync("operator"));
        pause.EnsureSuccessStatusCode();
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/test");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Test inbound mail" });

        await form.GetByRole(AriaRole.Button, new() { Name = "Send test mail" }).ClickAsync();

        var alert = form.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not send it. The receipt path refused the test mail (451");
        await Assertions.Expect(alert).ToContainTextAsync("(409 mail-refused)");
    }

    [Fact]
    public async Task A_viewer_is_told_that_sending_needs_the_operator_role_and_gets_no_form()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/test");

        await Assertions.Expect(page.GetByText("Sending test mail needs the operator role; you are signed in as viewer.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Form)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send test mail" })).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "test-viewer");
    }

    [Fact]
    public async Task A_failing_config_call_says_what_failed_and_retry_shows_the_forms()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.RouteAsync("**/api/config", route => route.FulfillAsync(new()
        {
            Status = 500,
            ContentType = "application/json",
            Body = """{"error":"internal-error","message":"Something failed inside the API; the log has the details."}""",
        }));
        await page.GotoAsync($"{_host.Url}#token={await _host.Mailflow.TokenAsync("operator")}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();
        await page.EvaluateAsync("() => { location.hash = '#/test'; }");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not load the apps. Something failed inside the API; the log has the details. (500 internal-error)");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "test-error");
        await page.UnrouteAsync("**/api/config");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Form)).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_test_page_fits_the_screen_width()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", "#/test", width: 390, height: 844);
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Test outbound envelope" });

        await form.GetByLabel("To", new() { Exact = true }).FillAsync("bob@example.net");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send test envelope" }).ClickAsync();

        await Assertions.Expect(form.GetByRole(AriaRole.Status).Filter(new() { HasText = "Accepted." })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "test-phone");
    }

    /// <summary>The first envelope on an app's queue, read through the SQS-compatible endpoint as an app would.</summary>
    private async Task<JsonElement> ReceiveAsync(string queue)
    {
        using var sqs = _host.Mailflow.SqsClient();
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _host.Mailflow.QueueUrl(queue), WaitTimeSeconds = 5, MaxNumberOfMessages = 1 });
            if (response.Messages is [var message, ..])
            {
                return JsonDocument.Parse(message.Body).RootElement.Clone();
            }
        }
        throw new TimeoutException($"no envelope reached {queue} within 30 s");
    }
}
