namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>
/// The environment CDK gives the API function (src/Mailflow.Aws/DeploymentSettings.cs, the same contract as the
/// worker's) without endpoint overrides. No <c>MAILFLOW_CONFIG</c>: the built-in default configuration (environment <c>local</c>).
/// </summary>
public static class ApiVariables
{
    public const string AttachmentBucket = "mailflow-local-attachments";
    public const string ApiUrl = "https://api.example.test";

    /// <summary>32 bytes, the shortest key DeploymentSettings accepts; the tests mint links with it too.</summary>
    public static readonly byte[] LinkSigningKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 11))];

    public static Dictionary<string, string> Create() => new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["MAILFLOW_ATTACHMENT_BUCKET"] = AttachmentBucket,
        // The API reads no table yet, but the settings contract requires one.
        ["MAILFLOW_TABLE"] = "mailflow-local",
        ["MAILFLOW_API_URL"] = ApiUrl,
        ["MAILFLOW_LINK_SIGNING_KEY"] = Convert.ToBase64String(LinkSigningKey),
    };
}
