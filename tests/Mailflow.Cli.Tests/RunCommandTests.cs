namespace Mailflow.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_with_a_roles_claim_its_own_tokens_do_not_carry_exits_2_naming_the_setting()
    {
        var dir = Directory.CreateTempSubdirectory("mailflow-run-").FullName;
        var config = Path.Combine(dir, "mailflow.json");
        await File.WriteAllTextAsync(config, """
            { "environment": "local", "domains": ["example.com"], "apps": [{ "name": "app1" }], "api": { "rolesClaim": "cognito:groups" } }
            """);

        var result = await CliProcess.RunAsync("run", "--config", config, "--data-dir", Path.Combine(dir, "data"),
            "--smtp", "127.0.0.1:0", "--http", "127.0.0.1:0", "--sqs", "127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{config}: $.api.rolesClaim: 'cognito:groups' applies only with api.jwksUrl or api.jwks", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
