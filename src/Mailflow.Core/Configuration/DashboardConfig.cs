namespace Mailflow.Core.Configuration;

/// <summary>
/// The dashboard's settings in mailflow.json. The page reads them from <c>/config.json</c> (docs/dashboard.md), which
/// <c>mailflow run</c> and the CDK stack write from this section (<see cref="Dashboard.DashboardSettings"/>).
/// </summary>
public sealed record DashboardConfig
{
    /// <summary>Sign-in through an OpenID Connect provider; null offers only pasting a token (and, locally, the printed sign-in link).</summary>
    public OidcSignInConfig? Oidc { get; set; }
}
