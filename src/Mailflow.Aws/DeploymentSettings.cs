using Mailflow.Core.Configuration;
using Mailflow.Core.Links;

namespace Mailflow.Aws;

/// <summary>
/// What the two functions (worker and API) read from the environment CDK sets: the configuration (<c>MAILFLOW_CONFIG</c>, the JSON of
/// mailflow.json; absent: the built-in default, as for <c>mailflow run</c>), the environment name, and the names of
/// the resources this deployment owns. Bucket and table names come from the deployment, never from a fixed pattern:
/// bucket names are global and a second environment must not collide (LESSONS.md).
/// </summary>
/// <param name="RawBucket">
/// The bucket the SES receipt rule stores raw mail in (<c>raw/{SES message id}</c>): the API reads it for raw downloads
/// and replays and writes test mail to it; the worker learns the bucket from each notification and needs no setting.
/// </param>
public sealed record DeploymentSettings(
    MailflowConfig Config,
    string AttachmentBucket,
    string Table,
    byte[] LinkSigningKey,
    string ApiUrl,
    string? SesConfigurationSet,
    string? RawBucket = null)
{
    public const string ConfigVariable = "MAILFLOW_CONFIG";
    public const string EnvironmentVariable = "MAILFLOW_ENV";
    public const string AttachmentBucketVariable = "MAILFLOW_ATTACHMENT_BUCKET";
    public const string RawBucketVariable = "MAILFLOW_RAW_BUCKET";
    public const string TableVariable = "MAILFLOW_TABLE";
    public const string LinkSigningKeyVariable = "MAILFLOW_LINK_SIGNING_KEY";
    public const string ApiUrlVariable = "MAILFLOW_API_URL";
    public const string SesConfigurationSetVariable = "MAILFLOW_SES_CONFIGURATION_SET";

    /// <summary>The attachment-link signer both functions use: the API's URL, the shared key, the configured lifetime.</summary>
    public AttachmentLinkSigner CreateLinkSigner(TimeProvider time) =>
        new(ApiUrl, LinkSigningKey, TimeSpan.FromHours(Config.Links.TtlHours), time);

    /// <param name="requireRawBucket">True for the API function, which cannot serve raw mail, replay or test injection without it.</param>
    /// <exception cref="InvalidOperationException">Every missing or invalid setting, one per line, each saying what to set.</exception>
    public static DeploymentSettings FromEnvironment(Func<string, string?> variable, bool requireRawBucket = false)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var problems = new List<string>();
        var config = LoadConfig(variable(ConfigVariable), problems);
        if (variable(EnvironmentVariable) is { Length: > 0 } environment && config is not null)
        {
            config = config with { Environment = environment };
        }
        string Required(string name, string what)
        {
            var value = variable(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} is not set: {what}.");
            }
            return value ?? "";
        }
        var bucket = Required(AttachmentBucketVariable, "the S3 bucket for attachments and claim-checked envelopes");
        var rawBucket = requireRawBucket
            ? Required(RawBucketVariable, "the S3 bucket the SES receipt rule stores raw mail in, which the API reads for raw mail and replays")
            : variable(RawBucketVariable);
        var table = Required(TableVariable, "the DynamoDB table for the ledger, idempotency keys and threads");
        var apiUrl = Required(ApiUrlVariable, "the API's base URL, which attachment links point at");
        var key = LinkKey(Required(LinkSigningKeyVariable, "the base64 HMAC key (32 bytes or more) of attachment links, the same as the API's"), problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The function is not configured:\n" + string.Join('\n', problems));
        }
        return new DeploymentSettings(config!, bucket, table, key, apiUrl, variable(SesConfigurationSetVariable) is { Length: > 0 } set ? set : null,
            string.IsNullOrWhiteSpace(rawBucket) ? null : rawBucket);
    }

    private static MailflowConfig? LoadConfig(string? json, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return DefaultConfig.Instance;
        }
        var loaded = ConfigLoader.Parse(json);
        problems.AddRange(loaded.Problems.Select(p => $"{ConfigVariable} {p.Path}: {p.Message}"));
        return loaded.Config;
    }

    private static byte[] LinkKey(string base64, List<string> problems)
    {
        if (base64.Length == 0)
        {
            return [];
        }
        try
        {
            var key = Convert.FromBase64String(base64);
            if (key.Length < 32)
            {
                problems.Add($"{LinkSigningKeyVariable} decodes to {key.Length} bytes; use 32 or more (e.g. openssl rand -base64 32).");
            }
            return key;
        }
        catch (FormatException)
        {
            problems.Add($"{LinkSigningKeyVariable} is not base64; generate one with openssl rand -base64 32.");
            return [];
        }
    }
}
