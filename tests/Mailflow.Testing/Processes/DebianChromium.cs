namespace Mailflow.Testing.Processes;

/// <summary>
/// Debian's Chromium as the dashboard tests and the page-speed bench launch it (DESIGN.md §4): the apt package
/// (scripts/install-test-deps.sh), never a browser Playwright would download, with the flags measured to run headless
/// here without sandbox, GPU or background network traffic.
/// </summary>
public static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static IReadOnlyList<string> Args { get; } =
    [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
    ];
}
