namespace Mailflow.Cdk.Configuration;

/// <summary><c>dashboard</c> of mailflow.json: what the stack writes into the dashboard's config.json and its CSP.</summary>
public sealed record DashboardSettings
{
    /// <summary>Sign-in through an OpenID Connect provider; null when the page offers only pasting a token.</summary>
    public OidcSignInSettings? Oidc { get; init; }
}
