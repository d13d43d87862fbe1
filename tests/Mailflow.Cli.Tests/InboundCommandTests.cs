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
    public async Task Resume_leaves_a_disabled_inbound_disabled_and_says_to_enable_it()
    {
        var dataDir = Directory.CreateTempSubdirectory("mailflow-cli-").FullName;

        await CliProcess.RunAsync("inbound", "disable", "--data-dir", dataDir);
        var resumed = await CliProcess.RunAsync("inbound", "resume", "--data-dir", dataDir);
        var paused = await CliProcess.RunAsync("inbound", "pause", "--data-dir", dataDir);
        var afterBoth = await CliProcess.RunAsync("inbound", "status", "--data-dir", dataDir);

        Assert.Equal(0, resumed.ExitCode);
        Assert.StartsWith("inbound: disabled (since ", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains("resume changes nothing: enable it", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains("550 5.7.1", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains("pause changes nothing", paused.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("inbound: disabled (since ", afterBoth.Stdout, StringComparison.Ordinal);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Resume_after_pause_accepts_mail_again()
    {
        var dataDir = Directory.CreateTempSubdirectory("mailflow-cli-").FullName;

        await CliProcess.RunAsync("inbound", "pause", "--data-dir", dataDir);
        var resumed = await CliProcess.RunAsync("inbound", "resume", "--data-dir", dataDir);

        Assert.StartsWith("inbound: enabled (since ", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains("Mail is accepted", resumed.Stdout, StringComparison.Ordinal);
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
        var dataDir = Directory.CreateTempSubdirectory("mailflow-cli-").FullName;

        var result = await CliProcess.RunAsync("queues", "--http", "http://127.0.0.1:1", "--data-dir", dataDir);
        var peek = await CliProcess.RunAsync("queues", "peek", "mailflow-local-app1", "--http", "http://127.0.0.1:1", "--data-dir", dataDir);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is `mailflow run` running?", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.StderrLines);
        Assert.Equal(1, peek.ExitCode);
        Assert.Contains("is `mailflow run` running?", peek.Stderr, StringComparison.Ordinal);
        Directory.Delete(dataDir, recursive: true);
    }
}
