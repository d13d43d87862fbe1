namespace Mailflow.Cli.Tests;

public class InboundCommandTests
{
    [Fact]
    public async Task Inbound_state_changes_are_kept_in_the_data_directory_and_explained()
    {
        var dataDir = Directory.CreateTempSubdirectory("mailflow-cli-").FullName;

        var initial = await CliProcess.RunAsync("inbound", "status", "--data-dir", dataDir);
        var paused = await CliProcess.RunAsync("inbound", "pause", "--data-dir", dataDir);
        var afterPause = await CliProcess.RunAsync("inbound", "status", "--data-dir", dataDir);
        var disabled = await CliProcess.RunAsync("inbound", "disable", "--data-dir", dataDir);
        var enabled = await CliProcess.RunAsync("inbound", "enable", "--data-dir", dataDir);
        var afterEnable = await CliProcess.RunAsync("inbound", "status", "--data-dir", dataDir);

        Assert.Equal("inbound: enabled", initial.Stdout.Trim());
        Assert.Contains("451 4.3.2", paused.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing is lost", paused.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("inbound: paused (since ", afterPause.Stdout, StringComparison.Ordinal);
        Assert.Contains("550 5.7.1", disabled.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, enabled.ExitCode);
        Assert.StartsWith("inbound: enabled (since ", afterEnable.Stdout, StringComparison.Ordinal);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Send_without_a_server_says_what_is_wrong_and_exits_1()
    {
        var result = await CliProcess.RunAsync("send", "--smtp", "127.0.0.1:1", "--from", "a@b.example", "--to", "_app1@example.com", "--text", "hi");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is `mailflow run` running?", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queues_without_a_running_mailflow_says_so_and_exits_1()
    {
        var result = await CliProcess.RunAsync("queues", "--http", "http://127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is `mailflow run` running?", result.Stderr, StringComparison.Ordinal);
    }
}
