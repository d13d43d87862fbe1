using Amazon.CDK;
using Constructs;

namespace Mailflow.Cdk.BuildingBlocks;

/// <summary>
/// Writes cdk-nag suppressions as resource metadata (<c>cdk_nag.rules_to_suppress</c>), the format cdk-nag reads from a
/// template through CfnInclude (DESIGN.md §4). The cdk-nag package itself is not served to .NET here, so the check
/// runs in Node (cdk/nag/check.mjs) on the synthesized template.
/// </summary>
public static class Nag
{
    private const string MetadataKey = "cdk_nag";

    /// <summary>Suppresses <paramref name="suppressions"/> on <paramref name="construct"/>'s CloudFormation resource.</summary>
    public static void Suppress(IConstruct construct, params NagSuppression[] suppressions)
    {
        ArgumentNullException.ThrowIfNull(construct);
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new InvalidOperationException($"{construct.Node.Path} has no CloudFormation resource to carry a cdk-nag suppression.");
        var existing = (resource.GetMetadata(MetadataKey) as IDictionary<string, object>)?["rules_to_suppress"] as IEnumerable<object> ?? [];
        var rules = existing.Concat(suppressions.Select(Rule)).ToArray();
        resource.AddMetadata(MetadataKey, new Dictionary<string, object> { ["rules_to_suppress"] = rules });
    }

    private static Dictionary<string, object> Rule(NagSuppression suppression)
    {
        var rule = new Dictionary<string, object> { ["id"] = suppression.Id, ["reason"] = suppression.Reason };
        if (suppression.AppliesTo.Length > 0)
        {
            rule["applies_to"] = suppression.AppliesTo;
        }
        return rule;
    }
}
