using System.Globalization;
using System.Runtime.CompilerServices;
using Mailflow.Testing.Processes;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests.Support;

/// <summary>
/// A real <c>mailflow run</c> (its own data directory and free loopback ports) whose dashboard a test opens in Chromium:
/// the sign-in link it printed, tokens from the real <c>mailflow token</c>, mail sent over SMTP with swaks.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    /// <summary>Two apps on example.com; unroutable mail is quarantined.</summary>
    public const string DefaultConfig = """
        {
          "environment": "local",
          "domains": ["example.com"],
          "apps": [ { "name": "invoices" }, { "name": "support" } ],
          "unroutable": { "action": "quarantine" }
        }
        """;

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<(IPage Page, string Test)> _pages = [];
    private readonly List<string> _pageErrors = [];

    private DashboardHost(MailflowProcess mailflow) => Mailflow = mailflow;

    public MailflowProcess Mailflow { get; }

    public string Url => Mailflow.HttpUrl + "/";

    /// <summary>The <c>dashboard …</c> line's link, with its fresh operator token.</summary>
    public string SignInLink
    {
        get
        {
            var line = Mailflow.Output.Single(l => l.StartsWith("dashboard ", StringComparison.Ordinal));
            return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        }
    }

    public static async Task<DashboardHost> StartAsync(string config = DefaultConfig)
    {
        var dataDir = MailflowProcess.NewDataDir();
        var configPath = Path.Combine(dataDir, "mailflow.json");
        await File.WriteAllTextAsync(configPath, config);
        return new DashboardHost(await MailflowProcess.StartAsync(dataDir, configPath));
    }

    /// <summary>
    /// A new browser context (its own session storage) at 1280×800, or another viewport. When the host is disposed,
    /// each page is saved as artifacts/screenshots/end-TEST.png (every test leaves a screenshot), and the test fails if
    /// a page threw an uncaught error or the browser reported a Content-Security-Policy violation.
    /// </summary>
    public async Task<IPage> NewPageAsync(IBrowser browser, int width = 1280, int height = 800, [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Record($"uncaught error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                Record($"CSP violation: {message.Text}");
            }
        };
        _pages.Add((page, test));
        return page;
    }

    private void Record(string problem)
    {
        lock (_pageErrors)
        {
            _pageErrors.Add(problem);
        }
    }

    /// <summary>Opens the dashboard signed in with a token for <paramref name="role"/> (through the link form <c>/#token=…</c>).</summary>
    public async Task<IPage> SignedInPageAsync(IBrowser browser, string role, string hash = "#/overview", int width = 1280, int height = 800,
        [CallerMemberName] string test = "")
    {
        var page = await NewPageAsync(browser, width, height, test);
        await page.GotoAsync($"{Url}#token={await Mailflow.TokenAsync(role)}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 }).WaitForAsync();
        if (hash != "#/overview")
        {
            await page.EvaluateAsync("hash => { location.hash = hash; }", hash);
        }
        return page;
    }

    /// <summary>Sends one mail over SMTP with swaks and fails unless the listener accepted it.</summary>
    public async Task SendMailAsync(string to, string subject, string from = "alice@sender.org", string body = "Hello from the dashboard tests.")
    {
        var result = await ExternalTool.SwaksAsync(Mailflow.SmtpPort, "--from", from, "--to", to, "--header", $"Subject: {subject}", "--body", body);
        Assert.True(result.ExitCode == 0, $"swaks failed: {result.All}");
    }

    /// <summary>Polls the API (as admin) until the ledger has <paramref name="count"/> mails; the worker routes asynchronously.</summary>
    public async Task WaitForMailsAsync(int count)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var messages = await Mailflow.ApiGetAsync("/api/messages?limit=100", "admin");
            var seen = messages.GetProperty("items").GetArrayLength();
            if (seen >= count)
            {
                return;
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, string.Create(CultureInfo.InvariantCulture, $"the ledger holds {seen} of {count} mails after 30 s"));
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (page, index) in _pages.Select((entry, index) => (entry, index)))
        {
            var name = _pages.Take(index).Any(earlier => earlier.Test == page.Test) ? $"end-{page.Test}-{index + 1}" : $"end-{page.Test}";
            await PageChecks.ScreenshotAsync(page.Page, name);
        }
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        await Mailflow.DisposeAsync();
        lock (_pageErrors)
        {
            Assert.True(_pageErrors.Count == 0, "the dashboard reported:\n" + string.Join("\n", _pageErrors));
        }
    }
}
