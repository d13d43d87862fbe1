using Amazon.CDK;
using Amazon.CDK.AWS.Logs;

namespace Mailflow.Cdk.BuildingBlocks;

/// <param name="BundlePath">A zip holding the executable <c>bootstrap</c> (docs/aws.md, "Bundles").</param>
/// <param name="Environment">The functions' settings (docs/aws.md, "Function settings"); values may be tokens.</param>
/// <param name="LogRetention">How long CloudWatch keeps the function's logs.</param>
/// <param name="LogRemovalPolicy">What happens to the log group when the stack no longer has it.</param>
public sealed record MailflowFunctionProps(
    string Description,
    string BundlePath,
    int MemorySizeMb,
    Duration Timeout,
    IReadOnlyDictionary<string, string> Environment,
    RetentionDays LogRetention,
    RemovalPolicy LogRemovalPolicy);
