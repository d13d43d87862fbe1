using Amazon.CDK;

namespace Mailflow.Cdk.Settings;

/// <summary>
/// One deployment environment (dev, staging, prod) as cdk.json's <c>environments</c> context describes it. Read once,
/// by <see cref="EnvironmentContext"/>; constructs get this record and never read context or environment variables.
/// </summary>
/// <param name="Name">The environment name: the stack is <c>Mailflow-{Name}</c>, the queues <c>mailflow-{Name}-…</c>.</param>
/// <param name="ConfigFile">The mailflow.json of this environment, relative to the repository root.</param>
/// <param name="AlarmEmail">Where every alarm notifies (LESSONS.md: alarms without actions go unseen).</param>
/// <param name="DashboardDomain">The dashboard's host name; its origin is the only one CORS allows.</param>
/// <param name="InboundEnabled">Rollback path (c): false makes the receipt rule reject mail.</param>
/// <param name="WorkerPaused">Rollback path (b): true disables the worker's event source mappings; mail waits in the inbound queue.</param>
/// <param name="LogRetentionDays">Days CloudWatch keeps the functions' logs.</param>
/// <param name="JwtIssuer">The issuer (<c>iss</c>, an https URL) whose tokens the API's JWT authorizer accepts.</param>
/// <param name="JwtAudience">The audience (<c>aud</c>) the API's JWT authorizer requires.</param>
/// <param name="RequireTls">The receipt rule's TLS policy: true (default) rejects mail not sent over TLS.</param>
/// <param name="TakeOverActiveRuleSet">
/// The account has one active SES receipt rule set per region (LESSONS.md): false (default) fails the deployment
/// when another rule set is active; true replaces it with Mailflow's.
/// </param>
/// <param name="JwtJwksUrl">Where the API function fetches the issuer's signing keys; null for <see cref="JwksUrl"/>'s default.</param>
/// <param name="JwtRolesClaim">
/// The claim (or dotted path) holding the caller's roles in the issuer's tokens (MAILFLOW_JWT_ROLES_CLAIM); null leaves
/// it to <c>api.rolesClaim</c> of the environment's mailflow.json (default <c>roles</c>).
/// </param>
public sealed record MailflowEnvironment(
    string Name,
    string Account,
    string Region,
    string ConfigFile,
    string AlarmEmail,
    string DashboardDomain,
    bool InboundEnabled,
    bool WorkerPaused,
    int LogRetentionDays,
    string JwtIssuer,
    string JwtAudience,
    bool RequireTls = true,
    bool TakeOverActiveRuleSet = false,
    string? JwtJwksUrl = null,
    string? JwtRolesClaim = null)
{
    /// <summary>
    /// The JWKS the API function validates tokens with (MAILFLOW_JWKS_URL): <see cref="JwtJwksUrl"/> when cdk.json sets
    /// <c>jwtJwksUrl</c>, else <c>{jwtIssuer}/.well-known/jwks.json</c>, where most issuers publish it (RFC 8414 §2
    /// lets an issuer put <c>jwks_uri</c> anywhere, so set it when the issuer's discovery document says otherwise).
    /// </summary>
    public string JwksUrl => JwtJwksUrl ?? JwtIssuer.TrimEnd('/') + "/.well-known/jwks.json";

    /// <summary>The only origin the API's CORS allows (API Gateway's and the function's): <c>https://{DashboardDomain}</c>.</summary>
    public string DashboardOrigin => $"https://{DashboardDomain}";

    /// <summary>Production keeps its data when the stack or a resource is deleted; other environments clean up.</summary>
    public bool IsProduction => Name == "prod";

    /// <summary>RETAIN for production data (table, buckets, secret), DESTROY elsewhere.</summary>
    public RemovalPolicy StatefulRemovalPolicy => IsProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    public string StackName => $"Mailflow-{Name}";
}
