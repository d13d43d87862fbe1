namespace Mailflow.Cdk.BuildingBlocks;

/// <summary>
/// One cdk-nag finding Mailflow accepts on purpose, with the reason. <paramref name="AppliesTo"/> narrows a granular
/// rule (e.g. AwsSolutions-IAM5) to the named findings (<c>Action::s3:GetObject*</c>), so a new wildcard still fails.
/// </summary>
public sealed record NagSuppression(string Id, string Reason, params string[] AppliesTo);
