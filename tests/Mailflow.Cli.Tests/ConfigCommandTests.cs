namespace Mailflow.Cli.Tests;

public class ConfigCommandTests
{
    private static async Task<string> WriteConfigAsync(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mailflow-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    [Fact]
    public async Task Check_of_the_repository_config_passes_with_a_summary()
    {
        var result = await CliProcess.RunAsync("config", "check", Path.Combine(CliProcess.RepositoryRoot, "mailflow.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid: environment local, 1 domain(s), 2 app(s), 10 queues.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_reports_one_line_per_problem_with_its_path_and_exits_2()
    {
        var path = await WriteConfigAsync("""
            {
              "environment": "Prod",
              "domains": ["acme.com"],
              "apps": [{"name": "invoices", "addresses": ["billing@other.com"]}],
              "unroutable": {"action": "catchAll", "app": "ghost"}
            }
            """);

        var result = await CliProcess.RunAsync("config", "check", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
        [
            $"{path}: $.environment: 'Prod' is not a valid environment name; use 1-20 lowercase letters, digits or hyphens, starting with a letter (e.g. local, dev, prod).",
            $"{path}: $.apps[0].addresses[0]: the domain of 'billing@other.com' is not in $.domains; add the domain there or fix the address (Mailflow only receives mail for its domains).",
            $"{path}: $.unroutable.app: no app is named 'ghost'; name one of the apps in $.apps.",
        ], result.StderrLines);
        File.Delete(path);
    }

    [Theory]
    [InlineData("{ \"domains\": [", "not valid JSON")]
    [InlineData("{\"domians\": []}", "$.domians: unknown property")]
    public async Task Check_of_broken_json_says_where_and_exits_2(string json, string expected)
    {
        var path = await WriteConfigAsync(json);

        var result = await CliProcess.RunAsync("config", "check", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.StderrLines), StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task Check_of_a_missing_file_exits_2_with_what_to_do()
    {
        var result = await CliProcess.RunAsync("config", "check", "/nonexistent/mailflow.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }
}
