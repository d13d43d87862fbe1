using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Mailflow.Testing.Processes;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests.Support;

/// <summary>What every dashboard test does to the pages it visits: a screenshot for reviewers, and axe-core's checks.</summary>
public static class PageChecks
{
    public static string ScreenshotDirectory { get; } = Path.Combine(ExternalTool.RepositoryRoot, "artifacts", "screenshots");

    /// <summary>Saves the whole page as artifacts/screenshots/<paramref name="name"/>.png.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Runs axe-core on the page as it is now and fails on any serious or critical violation (issue 8), naming the rule,
    /// its help text and the offending elements.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", blocking.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Id} ({violation.Impact}): {violation.Help} — {string.Join(", ", violation.Nodes.Take(5).Select(n => n.Target.ToString()))}";
}
