using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Mailflow.Cdk.BuildingBlocks;

/// <summary>
/// A log group whose CloudWatch Logs data protection policy masks e-mail and IP addresses: the second net behind the
/// code-level redaction (DESIGN.md §3, PII). Masked data is shown only to principals with <c>logs:Unmask</c>
/// (<see href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/mask-sensitive-log-data.html">Help protect sensitive log data with masking</see>).
/// </summary>
public static class MaskedLogGroup
{
    /// <summary>The managed data identifiers masked in every Mailflow log group.</summary>
    public static readonly IReadOnlyList<string> MaskedIdentifiers = ["EmailAddress", "IpAddress"];

    public static LogGroup Create(Construct scope, string id, RetentionDays retention, RemovalPolicy removalPolicy, string description) =>
        new(scope, id, new LogGroupProps
        {
            Retention = retention,
            RemovalPolicy = removalPolicy,
            DataProtectionPolicy = new DataProtectionPolicy(new DataProtectionPolicyProps
            {
                Name = "mailflow-pii-masking",
                Description = description,
                Identifiers = [DataIdentifier.EMAILADDRESS, DataIdentifier.IPADDRESS],
            }),
        });
}
