namespace Mailflow.Aws.Operations;

/// <summary>
/// A receipt rule as DescribeReceiptRule returned it: its name, whether it is enabled, and every member flattened into
/// query parameters (<c>Rule.Name</c>, <c>Rule.Recipients.member.1</c>, <c>Rule.Actions.member.1.S3Action.BucketName</c>…),
/// ready to be sent back whole, since UpdateReceiptRule replaces the rule with what it is given.
/// </summary>
internal sealed record DescribedReceiptRule(string Name, bool Enabled, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public const string EnabledParameter = "Rule.Enabled";

    /// <summary>The same parameters with <c>Rule.Enabled</c> set (added when the description left it out: its default is false).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> WithEnabled(bool enabled)
    {
        var value = enabled ? "true" : "false";
        var parameters = Parameters.Where(p => p.Key != EnabledParameter).ToList();
        var at = Parameters.ToList().FindIndex(p => p.Key == EnabledParameter);
        parameters.Insert(at < 0 ? Math.Min(1, parameters.Count) : at, new(EnabledParameter, value));
        return parameters;
    }
}
