using System.Text.Json;
using Mailflow.Local.Auth;
using Mailflow.Local.Storage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Cli.Tests;

/// <summary><c>mailflow token</c> as a user runs it: one JWT on stdout that the data directory's JWKS validates.</summary>
public sealed class TokenCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("mailflow-token-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private Task<CliProcess.Result> TokenAsync(params string[] args) => CliProcess.RunAsync(["token", "--data-dir", _dataDir, .. args]);

    /// <summary>Validates as the API does (issue 7): ES256 against the published JWKS, issuer, audience, lifetime.</summary>
    private async Task<JsonWebToken> ValidAsync(string token, string audience = "mailflow-api")
    {
        using var key = LocalSigningKey.LoadOrCreate(new DataDirectory(_dataDir));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "mailflow-local",
            ValidAudience = audience,
            IssuerSigningKeys = new JsonWebKeySet(key.PublicJwksJson).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(60),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return new JsonWebToken(token);
    }

    private static IReadOnlyList<string?> Roles(JsonWebToken jwt)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        return [.. payload.RootElement.GetProperty("roles").EnumerateArray().Select(role => role.GetString())];
    }

    [Fact]
    public async Task A_token_is_the_only_line_on_stdout_and_validates_with_the_key_it_created_in_the_data_directory()
    {
        var result = await TokenAsync("--role", "operator", "--ttl", "15m", "--subject", "ann");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        var token = Assert.Single(result.StdoutLines);
        Assert.Equal(3, token.Split('.').Length);
        var jwt = await ValidAsync(token);
        Assert.Equal(["operator"], Roles(jwt));
        Assert.Equal("ann", jwt.Subject);
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
        Assert.True(File.Exists(Path.Combine(_dataDir, LocalSigningKey.FileName)));
    }

    [Fact]
    public async Task Without_ttl_and_subject_a_token_lives_an_hour_and_names_the_user()
    {
        var result = await TokenAsync("--role", "viewer");

        var jwt = await ValidAsync(Assert.Single(result.StdoutLines));
        Assert.Equal(TimeSpan.FromHours(1), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal(Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "local", jwt.Subject);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("7d", 7 * 86_400)]
    [InlineData("30d", 30 * 86_400)]
    public async Task The_ttl_sets_the_expiry(string ttl, int seconds)
    {
        var result = await TokenAsync("--role", "admin", "--ttl", ttl);

        var jwt = await ValidAsync(Assert.Single(result.StdoutLines));
        Assert.Equal(TimeSpan.FromSeconds(seconds), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal(["admin"], Roles(jwt));
    }

    [Fact]
    public async Task Tokens_of_two_runs_are_signed_by_the_same_key()
    {
        var first = await TokenAsync("--role", "viewer");
        var second = await TokenAsync("--role", "admin");

        Assert.Equal(new JsonWebToken(first.Stdout.Trim()).Kid, new JsonWebToken(second.Stdout.Trim()).Kid);
    }

    [Fact]
    public async Task The_audience_comes_from_the_config()
    {
        var config = Path.Combine(_dataDir, "mailflow.json");
        await File.WriteAllTextAsync(config, """
            { "domains": ["example.com"], "apps": [{ "name": "app1" }], "api": { "audience": "acme-mail-api" } }
            """);

        var result = await TokenAsync("--config", config, "--role", "viewer");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("acme-mail-api", (await ValidAsync(result.Stdout.Trim(), "acme-mail-api")).Audiences);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("Admin")]
    [InlineData("")]
    public async Task An_unknown_role_exits_2_with_one_line_naming_the_roles(string role)
    {
        var result = await TokenAsync("--role", role);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.EndsWith("write viewer, operator or admin.", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_role_exits_2_with_one_line_naming_the_roles()
    {
        var result = await TokenAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--role is required: write viewer, operator or admin.", Assert.Single(result.StderrLines));
    }

    [Theory]
    [InlineData("31d")]
    [InlineData("0h")]
    [InlineData("1w")]
    [InlineData("1.5h")]
    [InlineData("h")]
    [InlineData("soon")]
    [InlineData("99999999999999999d")]
    public async Task A_ttl_that_is_not_a_duration_up_to_30_days_exits_2_with_one_line_saying_what_is_allowed(string ttl)
    {
        var result = await TokenAsync("--role", "viewer", "--ttl", ttl);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal($"--ttl {ttl}: write a whole number with s, m, h or d (30s, 15m, 1h, 7d), at most 30d.", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task A_damaged_key_file_exits_1_saying_which_file_and_what_to_do()
    {
        var keyFile = Path.Combine(_dataDir, LocalSigningKey.FileName);
        await File.WriteAllTextAsync(keyFile, "{ damaged");

        var result = await TokenAsync("--role", "viewer");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains(keyFile, line, StringComparison.Ordinal);
        Assert.Contains("Delete the file", line, StringComparison.Ordinal);
    }
}
