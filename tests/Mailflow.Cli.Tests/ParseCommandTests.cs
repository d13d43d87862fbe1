using System.Text.Json;

namespace Mailflow.Cli.Tests;

public class ParseCommandTests
{
    private static JsonElement Json(string line) => JsonDocument.Parse(line).RootElement;

    [Fact]
    public async Task Parse_prints_the_full_envelope_for_mail_an_app_takes()
    {
        var result = await CliProcess.RunAsync("parse", CliProcess.Fixture("plus-addressing-mailbox-hash.eml"));

        Assert.Equal(0, result.ExitCode);
        var envelope = Json(Assert.Single(result.StdoutLines));
        Assert.Equal("mailflow.inbound.v1", envelope.GetProperty("schema").GetString());
        Assert.Equal("app1", envelope.GetProperty("app").GetString());
        Assert.Equal("order-42", envelope.GetProperty("mailboxHash").GetString());
        Assert.EndsWith(".app1", envelope.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_gives_the_same_envelope_id_every_time_for_the_same_file()
    {
        var first = await CliProcess.RunAsync("parse", CliProcess.Fixture("plus-addressing-mailbox-hash.eml"));
        var second = await CliProcess.RunAsync("parse", CliProcess.Fixture("plus-addressing-mailbox-hash.eml"));

        Assert.Equal(Json(first.StdoutLines[0]).GetProperty("id").GetString(), Json(second.StdoutLines[0]).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Parse_with_to_routes_on_the_given_envelope_recipients()
    {
        var result = await CliProcess.RunAsync("parse", "--to", "_app2@example.com", "--to", "_APP1@example.com",
            CliProcess.Fixture("text-only-7bit.eml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["app2", "app1"], result.StdoutLines.Select(l => Json(l).GetProperty("app").GetString()));
    }

    [Fact]
    public async Task Bad_input_gets_an_outcome_line_each_and_the_command_carries_on()
    {
        var result = await CliProcess.RunAsync("parse", "--to", "_app1@example.com",
            CliProcess.Fixture("empty-file.eml"), CliProcess.Fixture("binary-garbage.eml"),
            CliProcess.Fixture("truncated-multipart.eml"), CliProcess.Fixture("text-only-7bit.eml"));

        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines.Select(Json).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(["empty-message", "malformed-mime", "malformed-mime"],
            lines.Take(3).Select(l => l.GetProperty("reasonCode").GetString()));
        Assert.All(lines.Take(3), l => Assert.Equal("quarantined", l.GetProperty("outcome").GetString()));
        Assert.All(lines.Take(3), l => Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("reason").GetString())));
        Assert.Equal("app1", lines[3].GetProperty("app").GetString());
    }

    [Fact]
    public async Task Mail_no_app_takes_prints_outcome_and_reason()
    {
        var result = await CliProcess.RunAsync("parse", "--to", "someone@elsewhere.example", CliProcess.Fixture("text-only-7bit.eml"));

        var line = Json(Assert.Single(result.StdoutLines));
        Assert.Equal("quarantined", line.GetProperty("outcome").GetString());
        Assert.Equal("unroutable", line.GetProperty("reasonCode").GetString());
        Assert.Equal("mailflow-local-quarantine", line.GetProperty("queue").GetString());
    }

    [Fact]
    public async Task A_simulated_verdict_applies_the_verdict_policy()
    {
        var result = await CliProcess.RunAsync("parse", "--to", "_app1@example.com", "--verdict", "virus=FAIL", CliProcess.Fixture("text-only-7bit.eml"));

        var line = Json(Assert.Single(result.StdoutLines));
        Assert.Equal(("rejected", "verdict-virus-fail"), (line.GetProperty("outcome").GetString(), line.GetProperty("reasonCode").GetString()));
    }

    [Fact]
    public async Task An_unknown_verdict_is_a_usage_error_with_what_to_write()
    {
        var result = await CliProcess.RunAsync("parse", "--verdict", "spam=MAYBE", CliProcess.Fixture("text-only-7bit.eml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("write NAME=STATUS", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.StdoutLines);
    }

    [Fact]
    public async Task A_missing_file_is_reported_the_rest_are_parsed_and_the_exit_code_is_1()
    {
        var result = await CliProcess.RunAsync("parse", "/nonexistent/x.eml", CliProcess.Fixture("plus-addressing-mailbox-hash.eml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("file-not-found", Json(result.StdoutLines[0]).GetProperty("reasonCode").GetString());
        Assert.Equal("app1", Json(result.StdoutLines[1]).GetProperty("app").GetString());
    }

    [Fact]
    public async Task Parse_with_a_bad_config_prints_its_problems_and_exits_2()
    {
        var config = Path.Combine(Path.GetTempPath(), $"mailflow-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{"domains":["acme.com"],"apps":[{"name":"Bad Name"}]}""");

        var result = await CliProcess.RunAsync("parse", "--config", config, CliProcess.Fixture("text-only-7bit.eml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdoutLines);
        Assert.StartsWith($"{config}: $.apps[0].name: 'Bad Name' is not a valid app name", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        File.Delete(config);
    }
}
