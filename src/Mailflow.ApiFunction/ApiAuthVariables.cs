using Mailflow.Api.Auth;
using Mailflow.Core.Configuration;

namespace Mailflow.ApiFunction;

/// <summary>
/// Whose tokens the API function trusts: <c>MAILFLOW_JWT_ISSUER</c>, <c>MAILFLOW_JWT_AUDIENCE</c> and
/// <c>MAILFLOW_JWKS_URL</c> (set by CDK from cdk.json), and <c>MAILFLOW_JWT_ROLES_CLAIM</c> (set by CDK only when cdk.json
/// names one), each falling back to the config's <c>api</c> section; and the
/// dashboard's origin for CORS from <c>MAILFLOW_DASHBOARD_ORIGIN</c>. Unlike <c>mailflow run</c> there is no local key
/// to fall back on: without an issuer and keys the function does not start.
/// </summary>
public static class ApiAuthVariables
{
    public const string IssuerVariable = "MAILFLOW_JWT_ISSUER";
    public const string AudienceVariable = "MAILFLOW_JWT_AUDIENCE";
    public const string JwksUrlVariable = "MAILFLOW_JWKS_URL";
    public const string DashboardOriginVariable = "MAILFLOW_DASHBOARD_ORIGIN";
    public const string RolesClaimVariable = "MAILFLOW_JWT_ROLES_CLAIM";

    /// <summary>The config with the environment's API settings applied, and the auth settings they make.</summary>
    /// <exception cref="InvalidOperationException">No issuer, no keys, or an invalid URL; the message names each variable.</exception>
    public static (MailflowConfig Config, ApiAuthSettings Auth) Apply(MailflowConfig config, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(variable);
        var api = config.Api with
        {
            Issuer = Value(variable, IssuerVariable) ?? config.Api.Issuer,
            Audience = Value(variable, AudienceVariable) ?? config.Api.Audience,
            JwksUrl = Value(variable, JwksUrlVariable) ?? config.Api.JwksUrl,
            DashboardOrigin = Value(variable, DashboardOriginVariable) ?? config.Api.DashboardOrigin,
            RolesClaim = Value(variable, RolesClaimVariable) ?? config.Api.RolesClaim,
        };
        var problems = new List<string>();
        if (api.Issuer is null)
        {
            problems.Add($"- {IssuerVariable} (or api.issuer in the config) is not set: the issuer whose tokens the API accepts.");
        }
        if (!api.NamesIssuerKeys)
        {
            problems.Add($"- {JwksUrlVariable} (or api.jwksUrl / api.jwks in the config) is not set: where the issuer's signing keys are.");
        }
        var effective = config with { Api = api };
        problems.AddRange(ConfigValidator.Validate(effective).Where(p => p.Path.StartsWith("$.api", StringComparison.Ordinal))
            .Select(p => $"- {p.Path}{Source(p.Path, variable)}: {p.Message}"));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The API is not configured:\n" + string.Join('\n', problems));
        }
        return (effective, ApiAuthSettings.FromConfig(api, null));
    }

    /// <summary>" (from MAILFLOW_…)" when the value at <paramref name="path"/> came from a variable, so the message says what to fix.</summary>
    private static string Source(string path, Func<string, string?> variable)
    {
        var name = path switch
        {
            "$.api.issuer" => IssuerVariable,
            "$.api.audience" => AudienceVariable,
            "$.api.jwksUrl" => JwksUrlVariable,
            "$.api.dashboardOrigin" => DashboardOriginVariable,
            "$.api.rolesClaim" => RolesClaimVariable,
            _ => null,
        };
        return name is not null && Value(variable, name) is not null ? $" (from {name})" : "";
    }

    private static string? Value(Func<string, string?> variable, string name) =>
        variable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
