namespace Mailflow.Aws.Operations;

/// <summary>
/// What the AWS rollback switches act on: the worker's inbound event source mapping (pause/resume) and the
/// environment's receipt rule in its rule set (disable/enable). CDK passes them to the API function
/// (MAILFLOW_INBOUND_MAPPING_ID, MAILFLOW_RECEIPT_RULE_SET, MAILFLOW_RECEIPT_RULE).
/// </summary>
public sealed record InboundControlTargets(string MappingId, string RuleSet, string Rule);
