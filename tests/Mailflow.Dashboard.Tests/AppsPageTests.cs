using Mailflow.Dashboard.Tests.Support;
using Mailflow.Testing.Processes;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class AppsPageTests(Chromium chromium) : IAsyncLifetime
{
    /// <summary>DashboardHost's two apps, with an extra address, a block list and an app limit to show.</summary>
    private const string AppsConfig = """
        {
          "environment": "local",
          "domains": ["example.com"],
          "apps": [
            {
              "name": "invoices",
              "addresses": ["billing@example.com"],
              "senders": { "block": ["spammer@bad.example"] },
              "limits": { "maxAttachments": 3 }
            },
            { "name": "support", "verdicts": { "spf": { "FAIL": "reject" } } }
          ],
          "unroutable": { "action": "quarantine" }
        }
        """;

    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(AppsConfig);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_page_lists_both_apps_with_the_addresses_they_receive_their_policies_and_queues()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");

        var invoices = App(page, "invoices");
        await Assertions.Expect(invoices.GetByRole(AriaRole.List, new() { Name = "Addresses of invoices" }))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^_invoices@example\\.com\\s*billing@example\\.com \\(extra\\)$"));
        await Assertions.Expect(invoices).ToContainTextAsync("Senders allowedEveryone");
        await Assertions.Expect(invoices).ToContainTextAsync("Senders blockedspammer@bad.example");
        await Assertions.Expect(invoices).ToContainTextAsync("Queuemailflow-local-invoices");
        await Assertions.Expect(invoices).ToContainTextAsync("Dead-letter queuemailflow-local-invoices-dlq");
        await Assertions.Expect(invoices.GetByRole(AriaRole.Row).Filter(new() { HasText = "Attachments per mail" })).ToHaveTextAsync("Attachments per mail3 (every app: 50)");
        await Assertions.Expect(invoices.GetByRole(AriaRole.Row).Filter(new() { HasText = "Largest mail" })).ToHaveTextAsync("Largest mail40 MiB");
        await Assertions.Expect(invoices).ToContainTextAsync("Verdict policyAs for every app.");
        var support = App(page, "support");
        await Assertions.Expect(support.GetByRole(AriaRole.List, new() { Name = "Addresses of support" })).ToHaveTextAsync("_support@example.com");
        await Assertions.Expect(support.GetByRole(AriaRole.Region, new() { Name = "Verdict policy of support where it differs from every app" }).GetByRole(AriaRole.Row))
            .ToHaveTextAsync(["VerdictStatusThis appEvery app", "spfFAILrejectaccept"]);
        await Assertions.Expect(support).ToContainTextAsync("Senders blockedNobody");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Apps (2)" })).ToBeVisibleAsync();
        var routing = page.GetByRole(AriaRole.Region, new() { Name = "Routing for every app" });
        await Assertions.Expect(routing).ToContainTextAsync("Domainsexample.com");
        await Assertions.Expect(routing).ToContainTextAsync("Recipients no app takes are quarantined on mailflow-local-quarantine with reason code unroutable.");
        await Assertions.Expect(routing.GetByRole(AriaRole.Row).Filter(new() { HasText = "dmarc" })).ToHaveTextAsync("dmarcacceptquarantineacceptacceptaccept");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "apps");
    }

    [Fact]
    public async Task An_uploaded_eml_to_an_app_address_shows_delivered_to_that_app_with_its_envelope_and_stores_nothing()
    {
        await _host.SendMailAsync("_support@example.com", "Real mail before the preview");
        await _host.WaitForMailsAsync(1);
        var before = await LedgerAsync();
        var eml = Path.Combine(_host.Mailflow.DataDir, "invoice.eml");
        await File.WriteAllTextAsync(eml, Mail("_invoices@example.com", "Invoice 77 from the upload"));
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");

        await page.GetByLabel("Or an .eml file").SetInputFilesAsync(eml);
        await Assertions.Expect(page.GetByText("The file invoice.eml")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var row = Decisions(page).GetByRole(AriaRole.Row).Filter(new() { HasText = "mailflow-local-invoices" });
        await Assertions.Expect(row).ToContainTextAsync("delivered");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("invoices");
        var envelope = page.GetByRole(AriaRole.Region, new() { Name = "Envelope for invoices" });
        await Assertions.Expect(envelope).ToContainTextAsync("\"subject\": \"Invoice 77 from the upload\"");
        await Assertions.Expect(envelope).ToContainTextAsync("\"schema\": \"mailflow.inbound.v1\"");
        await Assertions.Expect(page.GetByText("Addresses are masked")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "apps-preview-delivered");
        Assert.Equal(before, await LedgerAsync());
    }

    [Fact]
    public async Task An_uploaded_8_bit_koi8_r_fixture_is_sent_as_its_bytes_and_its_text_decodes()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");

        await page.GetByLabel("Or an .eml file").SetInputFilesAsync(Path.Combine(ExternalTool.RepositoryRoot, "tests", "fixtures", "mail", "koi8-r-8bit.eml"));
        await page.GetByLabel("Envelope recipients (optional)").FillAsync("_invoices@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var envelope = page.GetByRole(AriaRole.Region, new() { Name = "Envelope for invoices" });
        await Assertions.Expect(envelope).ToContainTextAsync("\"subject\": \"Счёт на оплату за март\"");
        await Assertions.Expect(envelope).ToContainTextAsync("Здравствуйте!");
    }

    [Fact]
    public async Task Pasted_mail_to_an_unknown_address_shows_the_unroutable_quarantine()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");

        await page.GetByLabel("Raw mail (headers and body)").FillAsync(Mail("nobody@example.com", "Lost"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var row = Decisions(page).GetByRole(AriaRole.Row).Filter(new() { HasText = "quarantined" });
        await Assertions.Expect(row).ToContainTextAsync("mailflow-local-quarantine");
        await Assertions.Expect(row).ToContainTextAsync("unroutable");
        await Assertions.Expect(page.GetByText("routed on the mail's To and Cc")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "apps-preview-quarantined");
        await AssertLedgerEmptyAsync();
    }

    [Fact]
    public async Task A_sender_on_the_apps_block_list_shows_the_rejection_with_its_reason()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", "#/apps");

        await page.GetByLabel("Raw mail (headers and body)").FillAsync(Mail("_invoices@example.com", "Buy now", from: "spammer@bad.example"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var row = Decisions(page).GetByRole(AriaRole.Row).Filter(new() { HasText = "rejected" });
        await Assertions.Expect(row).ToContainTextAsync("invoices");
        await Assertions.Expect(row).ToContainTextAsync("sender-blocked");
        Assert.Equal(0, await page.GetByRole(AriaRole.Region, new() { Name = "Envelope for invoices" }).CountAsync());
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "apps-preview-rejected");
        await AssertLedgerEmptyAsync();
    }

    [Fact]
    public async Task Named_envelope_recipients_route_instead_of_the_headers_like_bcc()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", "#/apps");

        await page.GetByLabel("Raw mail (headers and body)").FillAsync(Mail("someone@elsewhere.example", "Bcc to support"));
        await page.GetByLabel("Envelope recipients (optional)").FillAsync("_support@example.com, billing@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Assertions.Expect(page.GetByText("routed on the recipients you named: _support@example.com, billing@example.com")).ToBeVisibleAsync();
        var decisions = Decisions(page);
        await Assertions.Expect(decisions.GetByRole(AriaRole.Row).Filter(new() { HasText = "mailflow-local-support" })).ToContainTextAsync("delivered");
        await Assertions.Expect(decisions.GetByRole(AriaRole.Row).Filter(new() { HasText = "mailflow-local-invoices" })).ToContainTextAsync("delivered");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Envelope for support" })).ToContainTextAsync("\"subject\": \"Bcc to support\"");
    }

    [Fact]
    public async Task A_simulated_spam_verdict_shows_the_quarantine_the_verdict_policy_decides()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");

        await page.GetByLabel("Raw mail (headers and body)").FillAsync(Mail("_invoices@example.com", "Cheap pills"));
        await page.GetByLabel("Simulated SES verdicts (optional)").FillAsync("spam=FAIL");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Assertions.Expect(page.GetByText("SES verdicts assumed: spf PASS, dkim PASS, dmarc PASS, spam FAIL, virus PASS.")).ToBeVisibleAsync();
        var row = Decisions(page).GetByRole(AriaRole.Row).Filter(new() { HasText = "quarantined" });
        await Assertions.Expect(row).ToContainTextAsync("verdict-spam-fail");
        await Assertions.Expect(row).ToContainTextAsync("mailflow-local-quarantine");
        await AssertLedgerEmptyAsync();
    }

    [Fact]
    public async Task The_preview_works_from_the_keyboard_alone_with_a_visible_focus()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");
        await page.GetByLabel("Raw mail (headers and body)").FocusAsync();
        await page.Keyboard.InsertTextAsync(Mail("_support@example.com", "Typed by keyboard"));

        var preview = page.GetByRole(AriaRole.Button, new() { Name = "Preview" });
        for (var presses = 0; presses < 6 && !await preview.EvaluateAsync<bool>("button => button === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Equal("solid", await preview.EvaluateAsync<string>("button => getComputedStyle(button).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Envelope for support" })).ToContainTextAsync("Typed by keyboard");
    }

    [Fact]
    public async Task Previewing_with_nothing_pasted_or_an_empty_file_says_so_without_calling_the_api()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");
        var previews = 0;
        page.Request += (_, request) => previews += request.Url.Contains("/api/routes/preview", StringComparison.Ordinal) ? 1 : 0;

        await page.GetByLabel("Raw mail (headers and body)").FillAsync("   \n ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Paste a raw mail or choose an .eml file first: there is nothing to preview.");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "apps-preview-empty");
        var emptyFile = Path.Combine(_host.Mailflow.DataDir, "empty.eml");
        await File.WriteAllBytesAsync(emptyFile, []);
        await page.GetByLabel("Or an .eml file").SetInputFilesAsync(emptyFile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The file empty.eml is empty: choose an .eml file with a mail in it.");
        Assert.Equal(0, previews);
    }

    [Fact]
    public async Task A_recipient_that_is_not_an_address_shows_the_apis_reason_and_no_retry()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");

        await page.GetByLabel("Raw mail (headers and body)").FillAsync(Mail("_support@example.com", "Hello"));
        await page.GetByLabel("Envelope recipients (optional)").FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not preview the mail. Every recipient must be one e-mail address");
        await Assertions.Expect(alert).ToContainTextAsync("(400 invalid-recipient)");
        Assert.Equal(0, await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).CountAsync());
    }

    [Fact]
    public async Task A_failing_preview_says_what_failed_and_retry_sends_the_mail_again()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps");
        await page.RouteAsync("**/api/routes/preview*", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/json",
            Body = """{"error":"unavailable","message":"The API is restarting."}""",
        }));

        await page.GetByLabel("Raw mail (headers and body)").FillAsync(Mail("_support@example.com", "Try again"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToHaveTextAsync("Could not preview the mail. The API is restarting. (503 unavailable)Retry");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "apps-preview-error");
        await page.UnrouteAsync("**/api/routes/preview*");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Assertions.Expect(Decisions(page).GetByRole(AriaRole.Row).Filter(new() { HasText = "mailflow-local-support" })).ToContainTextAsync("delivered");
    }

    [Fact]
    public async Task A_failing_configuration_load_says_what_failed_and_retry_loads_it()
    {
        var page = await _host.NewPageAsync(chromium.Browser);
        await page.RouteAsync("**/api/config/effective", route => route.FulfillAsync(new()
        {
            Status = 500,
            ContentType = "application/json",
            Body = """{"error":"internal-error","message":"Something broke."}""",
        }));
        await page.GotoAsync($"{_host.Url}#token={await _host.Mailflow.TokenAsync("viewer")}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();
        await page.EvaluateAsync("() => { location.hash = '#/apps'; }");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not load the configuration. Something broke. (500 internal-error)");
        await PageChecks.ScreenshotAsync(page, "apps-config-error");
        await page.UnrouteAsync("**/api/config/effective");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Assertions.Expect(App(page, "invoices")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_page_and_a_preview_fit_the_screen_width()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/apps", width: 390, height: 844);

        await Assertions.Expect(App(page, "support")).ToBeVisibleAsync();
        await page.GetByLabel("Raw mail (headers and body)").FillAsync(Mail("_invoices@example.com", "A rather long subject line that must wrap on a phone screen"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Envelope for invoices" })).ToBeVisibleAsync();

        // The elements that stick out or whose text overflows them (outside the regions that scroll by design) name the culprit.
        var wide = await page.EvaluateAsync<string>("""
            () => document.documentElement.scrollWidth <= 390 ? '' : [...document.querySelectorAll('body *')]
              .filter((e) => !e.parentElement?.closest('.table-scroll, pre') && (e.getBoundingClientRect().right > 390
                || (getComputedStyle(e).overflowX === 'visible' && e.scrollWidth > e.clientWidth + 1))).slice(0, 5)
              .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`).join(', ') || `width ${document.documentElement.scrollWidth}px`
            """);
        Assert.True(wide.Length == 0, $"the page scrolls sideways at 390 px: {wide}");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "apps-phone");
    }

    private static ILocator App(IPage page, string name) => page.GetByRole(AriaRole.Article, new() { Name = name, Exact = true });

    private static ILocator Decisions(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "What would happen to each destination" });

    private static string Mail(string to, string subject, string from = "alice@sender.org") =>
        $"From: Alice <{from}>\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <preview-{Guid.NewGuid():N}@sender.org>\r\n"
        + "Date: Mon, 23 Nov 2026 00:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello from the apps page tests.\r\n";

    /// <summary>A preview stores nothing: the ledger (what GET /api/messages lists) is still empty.</summary>
    private async Task AssertLedgerEmptyAsync() => Assert.Equal("[]", await LedgerAsync());

    /// <summary>The ledger's mails as GET /api/messages lists them (as admin: nothing masked).</summary>
    private async Task<string> LedgerAsync() =>
        (await _host.Mailflow.ApiGetAsync("/api/messages?limit=100", "admin")).GetProperty("items").GetRawText();
}
