using Mailflow.Testing.Auth;
using Mailflow.Testing.Stubs;

namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>
/// The environment CDK gives the API function without endpoint overrides: the worker's contract
/// (src/Mailflow.Aws/DeploymentSettings.cs), the raw bucket and the rollback switches' targets, and whose tokens to trust
/// (src/Mailflow.ApiFunction/ApiAuthVariables.cs: the issuer and audience <see cref="TestTokens"/> mints for, and a JWKS
/// URL on a closed loopback port until a deployment points it at its stub). No <c>MAILFLOW_CONFIG</c>: the built-in
/// default configuration (environment <c>local</c>).
/// </summary>
public static class ApiVariables
{
    public const string AttachmentBucket = "mailflow-local-attachments";
    public const string RawBucket = "mailflow-local-raw";
    public const string Table = "mailflow-local";
    public const string ApiUrl = "https://api.example.test";

    /// <summary>32 bytes, the shortest key DeploymentSettings accepts; the tests mint links with it too.</summary>
    public static readonly byte[] LinkSigningKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 11))];

    /// <summary>The secret key the function signs its Lambda and SES calls with (from the variables, as on Lambda).</summary>
    public const string SecretAccessKey = "local-secret";

    public static Dictionary<string, string> Create(string table = Table) => new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        ["MAILFLOW_ATTACHMENT_BUCKET"] = AttachmentBucket,
        ["MAILFLOW_RAW_BUCKET"] = RawBucket,
        ["MAILFLOW_TABLE"] = table,
        ["MAILFLOW_API_URL"] = ApiUrl,
        ["MAILFLOW_LINK_SIGNING_KEY"] = Convert.ToBase64String(LinkSigningKey),
        ["MAILFLOW_INBOUND_MAPPING_ID"] = FakeControlPlane.MappingId,
        ["MAILFLOW_RECEIPT_RULE_SET"] = FakeControlPlane.RuleSet,
        ["MAILFLOW_RECEIPT_RULE"] = FakeControlPlane.RuleName,
        ["MAILFLOW_JWT_ISSUER"] = TestTokens.Issuer,
        ["MAILFLOW_JWT_AUDIENCE"] = TestTokens.Audience,
        // The keys are fetched on the first token, not at start-up: a closed port is enough for a request without one.
        ["MAILFLOW_JWKS_URL"] = "http://127.0.0.1:9/jwks.json",
    };
}
