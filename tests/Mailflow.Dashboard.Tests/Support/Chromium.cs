using Mailflow.Testing.Processes;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright, one browser for the whole run (each test opens its own context, so no
/// storage is shared). Nothing is downloaded: Playwright's driver ships in its NuGet package and the browser comes
/// from apt (scripts/install-test-deps.sh). Flags as measured in DESIGN.md §4.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(DebianChromium.ExecutablePath))
        {
            throw new InvalidOperationException($"{DebianChromium.ExecutablePath} is missing: run scripts/install-test-deps.sh (it installs Debian's chromium).");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DebianChromium.ExecutablePath,
            Headless = true,
            Args = DebianChromium.Args,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
