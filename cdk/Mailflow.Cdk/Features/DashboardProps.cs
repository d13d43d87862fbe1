using Amazon.CDK.AWS.S3;
using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

/// <param name="AccessLogsBucket">Receives the bucket's S3 server access logs and the distribution's standard logs.</param>
/// <param name="ApiUrl">The API's base URL: the only origin besides the dashboard's own that the page may call (CSP connect-src).</param>
/// <param name="RolesClaim">The claim the page reads the signed-in person's roles from (what the API function reads).</param>
/// <param name="DistDirectory">The built dashboard (<c>dashboard/dist</c>); deployed only when the directory exists.</param>
/// <param name="Oidc">The page's OpenID Connect sign-in (<c>dashboard.oidc</c> of mailflow.json); null for pasted tokens only.</param>
public sealed record DashboardProps(MailflowEnvironment Environment, IBucket AccessLogsBucket, string ApiUrl, string? DistDirectory, OidcSignInSettings? Oidc = null,
    string RolesClaim = "roles");
