using System.CommandLine;
using Mailflow.Api.Auth;
using Mailflow.Core.Configuration;
using Mailflow.Local.Auth;
using Mailflow.Local.Storage;

namespace Mailflow.Cli.Commands;

/// <summary>
/// <c>mailflow token [--config FILE] [--data-dir DIR] --role viewer|operator|admin [--ttl 1h] [--subject NAME]</c>: prints a
/// bearer token for the local API, signed with the data directory's key (created here if <c>mailflow run</c> has not yet),
/// and nothing else on stdout, so that <c>TOKEN=$(mailflow token --role viewer)</c> works.
/// </summary>
public static class TokenCommand
{
    private const string AllowedRoles = $"{Roles.Viewer}, {Roles.Operator} or {Roles.Admin}";

    public static Command Create()
    {
        var config = ConfigOption.Create();
        var dataDir = DataDirOption.Create();
        var role = new Option<string?>("--role")
        {
            Description = "What the token may do: viewer (read), operator (pause, replay, redrive) or admin (everything, addresses unredacted).",
            HelpName = "viewer|operator|admin",
        };
        var ttl = new Option<string>("--ttl")
        {
            Description = "How long the token is valid: 30s, 15m, 1h, 7d (at most 30d).",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "1h",
        };
        var subject = new Option<string?>("--subject")
        {
            Description = "Who the token names (its sub claim, written to the audit log); default $USER, or \"local\".",
            HelpName = "NAME",
        };
        var command = new Command("token", "Print a token for the local API (mailflow run), signed with the data directory's key.")
        {
            config, dataDir, role, ttl, subject,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var roleValue = parseResult.GetValue(role);
            if (roleValue is null || !Roles.All.Contains(roleValue, StringComparer.Ordinal))
            {
                error.WriteLine(roleValue is null ? $"--role is required: write {AllowedRoles}." : $"--role {roleValue}: write {AllowedRoles}.");
                return ExitCodes.BadUsage;
            }
            if (!TokenLifetimeArgument.TryParse(parseResult.GetValue(ttl)!, LocalSigningKey.MaxLifetime, out var lifetime))
            {
                error.WriteLine($"--ttl {parseResult.GetValue(ttl)}: write {TokenLifetimeArgument.Allowed}.");
                return ExitCodes.BadUsage;
            }
            var subjectValue = parseResult.GetValue(subject) ?? DefaultSubject();
            if (string.IsNullOrWhiteSpace(subjectValue))
            {
                error.WriteLine("--subject: give a name, e.g. --subject ann.");
                return ExitCodes.BadUsage;
            }
            var loaded = ConfigOption.Load(parseResult.GetValue(config), error);
            if (loaded is null)
            {
                return ExitCodes.BadConfig;
            }
            LocalSigningKey key;
            try
            {
                key = LocalSigningKey.LoadOrCreate(new DataDirectory(parseResult.GetValue(dataDir)!));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine(ex.Message);
                return ExitCodes.Failed;
            }
            using (key)
            {
                output.WriteLine(key.Mint(subjectValue, roleValue, lifetime, TimeProvider.System, ApiConfig.LocalIssuer, loaded.Api.Audience));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Who the token names when no --subject is given: the user running the command.</summary>
    internal static string DefaultSubject() =>
        Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user && !string.IsNullOrWhiteSpace(user) ? user : "local";
}
