using System.Text.Json;
using System.Text.RegularExpressions;
using Constructs;
using Mailflow.Cdk.BuildingBlocks;

namespace Mailflow.Cdk.Settings;

/// <summary>
/// Reads the <c>environments</c> context (cdk.json, or <c>-c</c> on the command line) once into typed
/// <see cref="MailflowEnvironment"/> records, and the optional <c>env</c> context that selects one of them.
/// Every problem is reported at once, with the key to fix.
/// </summary>
public static partial class EnvironmentContext
{
    public const string EnvironmentsKey = "environments";
    public const string SelectKey = "env";

    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);

    /// <summary>The environments to synthesize: the one named by the <c>env</c> context, or all of them.</summary>
    /// <exception cref="InvalidOperationException">The context is missing, incomplete or names an unknown environment.</exception>
    public static IReadOnlyList<MailflowEnvironment> Selected(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var all = All(node);
        if (node.TryGetContext(SelectKey) is not string selected || selected.Length == 0)
        {
            return all;
        }
        return all.Where(e => e.Name == selected).ToList() is { Count: 1 } one
            ? one
            : throw new InvalidOperationException($"No environment '{selected}' in the '{EnvironmentsKey}' context; use one of {string.Join(", ", all.Select(e => e.Name))}.");
    }

    /// <exception cref="InvalidOperationException">The context is missing or incomplete.</exception>
    public static IReadOnlyList<MailflowEnvironment> All(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var raw = node.TryGetContext(EnvironmentsKey)
            ?? throw new InvalidOperationException($"The '{EnvironmentsKey}' context is missing; run from the repository root, where cdk.json defines dev, staging and prod.");
        // jsii hands context over as dictionaries of primitives; one JSON round trip makes it a typed record.
        var entries = JsonSerializer.Deserialize<Dictionary<string, EnvironmentEntry>>(JsonSerializer.Serialize(raw), s_options) ?? [];
        var problems = new List<string>();
        var environments = entries.Select(e => Typed(e.Key, e.Value, problems)).ToList();
        if (environments.Count == 0)
        {
            problems.Add($"'{EnvironmentsKey}' names no environment.");
        }
        return problems.Count == 0
            ? environments
            : throw new InvalidOperationException("cdk.json context is invalid:\n" + string.Join('\n', problems.Select(p => "  " + p)));
    }

    private static MailflowEnvironment Typed(string name, EnvironmentEntry entry, List<string> problems)
    {
        void Check(bool ok, string key, string what)
        {
            if (!ok)
            {
                problems.Add($"{EnvironmentsKey}.{name}.{key}: {what}");
            }
        }
        Check(EnvironmentName().IsMatch(name), "", $"'{name}' is not an environment name; use 1-20 lowercase letters, digits or hyphens, starting with a letter.");
        Check(entry.Account is not null && Account().IsMatch(entry.Account), "account", $"'{entry.Account}' is not a 12-digit AWS account id.");
        Check(entry.Region is not null && Region().IsMatch(entry.Region), "region", $"'{entry.Region}' is not an AWS region like eu-west-1.");
        Check(!string.IsNullOrWhiteSpace(entry.ConfigFile), "configFile", "is required: the mailflow.json this environment deploys.");
        Check(entry.AlarmEmail is not null && Email().IsMatch(entry.AlarmEmail), "alarmEmail", $"'{entry.AlarmEmail}' is not an e-mail address; every alarm notifies it.");
        Check(!string.IsNullOrWhiteSpace(entry.DashboardDomain), "dashboardDomain", "is required: the dashboard's host name.");
        Check(entry.JwtIssuer is not null && Uri.TryCreate(entry.JwtIssuer, UriKind.Absolute, out var issuer) && issuer.Scheme == Uri.UriSchemeHttps,
            "jwtIssuer", $"'{entry.JwtIssuer}' is not an https URL: the issuer (iss) the API's JWT authorizer accepts.");
        Check(string.IsNullOrWhiteSpace(entry.JwtJwksUrl) || (Uri.TryCreate(entry.JwtJwksUrl, UriKind.Absolute, out var jwks) && jwks.Scheme == Uri.UriSchemeHttps),
            "jwtJwksUrl", $"'{entry.JwtJwksUrl}' is not an https URL: where the API function fetches the issuer's signing keys (omit it for {{jwtIssuer}}/.well-known/jwks.json).");
        Check(entry.JwtRolesClaim is null || RolesClaimPath().IsMatch(entry.JwtRolesClaim), "jwtRolesClaim",
            $"'{entry.JwtRolesClaim}' is not a claim name or dotted path; give e.g. cognito:groups or realm_access.roles, or omit it for api.rolesClaim of the config (default roles).");
        Check(!string.IsNullOrWhiteSpace(entry.JwtAudience), "jwtAudience", "is required: the audience (aud) the API's JWT authorizer accepts.");
        Check(LogRetention.IsValid(entry.LogRetentionDays), "logRetentionDays", $"{entry.LogRetentionDays} is not a CloudWatch Logs retention; use one of {string.Join(", ", LogRetention.ValidDays)}.");
        return new MailflowEnvironment(name, entry.Account ?? "", entry.Region ?? "", entry.ConfigFile ?? "", entry.AlarmEmail ?? "",
            entry.DashboardDomain ?? "", entry.InboundEnabled, entry.WorkerPaused, entry.LogRetentionDays, entry.JwtIssuer ?? "", entry.JwtAudience ?? "",
            entry.RequireTls, entry.TakeOverActiveRuleSet, string.IsNullOrWhiteSpace(entry.JwtJwksUrl) ? null : entry.JwtJwksUrl, entry.JwtRolesClaim);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,19}$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex Account();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex Region();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    /// <summary>api.rolesClaim's pattern (docs/schemas/mailflow.config.v1.schema.json): a name, or names joined by dots.</summary>
    [GeneratedRegex(@"^[^.\s]+(\.[^.\s]+)*$")]
    private static partial Regex RolesClaimPath();

    private sealed record EnvironmentEntry(
        string? Account,
        string? Region,
        string? ConfigFile,
        string? AlarmEmail,
        string? DashboardDomain,
        string? JwtIssuer,
        string? JwtAudience,
        bool InboundEnabled = true,
        bool WorkerPaused = false,
        int LogRetentionDays = 30,
        bool RequireTls = true,
        bool TakeOverActiveRuleSet = false,
        string? JwtJwksUrl = null,
        string? JwtRolesClaim = null);
}
