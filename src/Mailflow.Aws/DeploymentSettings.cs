using Mailflow.Aws.Operations;
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
    public const string InboundMappingIdVariable = "MAILFLOW_INBOUND_MAPPING_ID";
    public const string ReceiptRuleSetVariable = "MAILFLOW_RECEIPT_RULE_SET";
    public const string ReceiptRuleVariable = "MAILFLOW_RECEIPT_RULE";

    /// <summary>The UUID of the worker's inbound event source mapping: what pause/resume toggles. Only the API needs it.</summary>
    public string? InboundMappingId { get; init; }

    /// <summary>The environment's SES receipt rule set (<c>mailflow-{env}</c>). Only the API needs it.</summary>
    public string? ReceiptRuleSet { get; init; }

    /// <summary>The receipt rule in <see cref="ReceiptRuleSet"/> that disable/enable toggles. Only the API needs it.</summary>
    public string? ReceiptRule { get; init; }

    /// <summary>
    /// The three names the rollback switches act on (<see cref="InboundMappingId"/>, <see cref="ReceiptRuleSet"/>,
    /// <see cref="ReceiptRule"/>). The worker never calls this; the API does at start-up, so a deployment that forgot
    /// them ends in an init error rather than in a switch that fails when an operator needs it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every missing variable, one per line, each saying what to set.</exception>
    public InboundControlTargets RequireInboundControl()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(InboundMappingId))
        {
            problems.Add($"{InboundMappingIdVariable} is not set: the UUID of the worker's inbound event source mapping, which pause/resume disables and enables.");
        }
        if (string.IsNullOrWhiteSpace(ReceiptRuleSet))
        {
            problems.Add($"{ReceiptRuleSetVariable} is not set: the SES receipt rule set of this environment (mailflow-{{env}}).");
        }
        if (string.IsNullOrWhiteSpace(ReceiptRule))
        {
            problems.Add($"{ReceiptRuleVariable} is not set: the receipt rule in that rule set which disable/enable turns off and on.");
        }
        return problems.Count > 0
            ? throw new InvalidOperationException("The function is not configured:\n" + string.Join('\n', problems))
            : new InboundControlTargets(InboundMappingId!, ReceiptRuleSet!, ReceiptRule!);
    }

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
        return new DeploymentSettings(config!, bucket, table, key, apiUrl, Optional(variable, SesConfigurationSetVariable),
            string.IsNullOrWhiteSpace(rawBucket) ? null : rawBucket)
        {
            InboundMappingId = Optional(variable, InboundMappingIdVariable),
            ReceiptRuleSet = Optional(variable, ReceiptRuleSetVariable),
            ReceiptRule = Optional(variable, ReceiptRuleVariable),
        };
    }

    private static string? Optional(Func<string, string?> variable, string name) => variable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

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
