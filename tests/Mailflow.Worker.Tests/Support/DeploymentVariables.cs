namespace Mailflow.Worker.Tests.Support;

/// <summary>
/// The environment CDK gives the worker (src/Mailflow.Aws/DeploymentSettings.cs) without the endpoint overrides: region,
/// static credentials, the resource names, the API URL and the link signing key. No <c>MAILFLOW_CONFIG</c>, so the
/// function runs the built-in default configuration (environment <c>local</c>, apps app1 and app2).
/// </summary>
public static class DeploymentVariables
{
    public const string AttachmentBucket = "mailflow-local-attachments";
    public const string Table = "mailflow-local";
    public const string ApiUrl = "https://api.example.test";

    /// <summary>32 bytes, the shortest key DeploymentSettings accepts.</summary>
    public static readonly byte[] LinkSigningKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    public static Dictionary<string, string> Create(string table = Table) => new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["MAILFLOW_ATTACHMENT_BUCKET"] = AttachmentBucket,
        ["MAILFLOW_TABLE"] = table,
        ["MAILFLOW_API_URL"] = ApiUrl,
        ["MAILFLOW_LINK_SIGNING_KEY"] = Convert.ToBase64String(LinkSigningKey),
    };
}
