using System.Xml;
using System.Xml.Linq;

namespace Mailflow.Aws.Operations;

/// <summary>
/// Reads and switches one SES receipt rule through the SES classic API (version 2010-12-01, query protocol: a
/// form-encoded <c>POST /</c>, XML answers, signing name <c>ses</c>). DescribeReceiptRule
/// (https://docs.aws.amazon.com/ses/latest/APIReference/API_DescribeReceiptRule.html) reads the whole rule;
/// UpdateReceiptRule (https://docs.aws.amazon.com/ses/latest/APIReference/API_UpdateReceiptRule.html) takes a whole
/// <c>ReceiptRule</c> and replaces the stored one with it: a member left out is reset (recipients would match every
/// verified domain, actions would be dropped, scanning and TLS would fall back to their defaults,
/// https://docs.aws.amazon.com/ses/latest/APIReference/API_ReceiptRule.html). So the rule is sent back exactly as
/// described (<see cref="AwsQueryForm"/>), with only <c>Enabled</c> changed. Both operations allow one call per second.
/// </summary>
internal sealed class SesReceiptRules(SignedAwsApi api)
{
    public const string SigningName = "ses";
    public const string ApiVersion = "2010-12-01";
    private const string Permission = "ses:DescribeReceiptRule and ses:UpdateReceiptRule (Resource \"*\": they support no resource-level permissions)";

    public async Task<DescribedReceiptRule> DescribeAsync(string ruleSet, string rule, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("DescribeReceiptRule", ruleSet, rule,
            [new("RuleSetName", ruleSet), new("RuleName", rule)], cancellationToken).ConfigureAwait(false);
        var what = $"DescribeReceiptRule of rule {rule} in rule set {ruleSet}";
        XElement? element;
        try
        {
            element = XDocument.Parse(answer.Body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Rule");
        }
        catch (XmlException e)
        {
            throw InboundControlFailures.Unreadable(api.Name, what, e.Message);
        }
        var name = element?.Elements().FirstOrDefault(e => e.Name.LocalName == "Name")?.Value;
        if (element is null || string.IsNullOrEmpty(name))
        {
            throw InboundControlFailures.Unreadable(api.Name, what, "no Rule with a Name");
        }
        var enabled = element.Elements().FirstOrDefault(e => e.Name.LocalName == "Enabled")?.Value;
        return new DescribedReceiptRule(name, string.Equals(enabled, "true", StringComparison.OrdinalIgnoreCase), AwsQueryForm.Flatten(element, "Rule"));
    }

    /// <summary>Sends <paramref name="described"/> back with <c>Enabled</c> = <paramref name="enabled"/>.</summary>
    public async Task UpdateEnabledAsync(string ruleSet, DescribedReceiptRule described, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(described);
        List<KeyValuePair<string, string>> parameters = [new("RuleSetName", ruleSet), .. described.WithEnabled(enabled)];
        await CallAsync("UpdateReceiptRule", ruleSet, described.Name, parameters, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AwsApiAnswer> CallAsync(string action, string ruleSet, string rule, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("Action", action), new("Version", ApiVersion), .. parameters];
        var answer = await api.SendAsync(HttpMethod.Post, "/", AwsQueryForm.Encode(form), "application/x-www-form-urlencoded; charset=utf-8", cancellationToken)
            .ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw InboundControlFailures.From(answer, ErrorOf(answer.Body), api.Name, $"{action} of rule {rule} in rule set {ruleSet}", Permission,
                $"Check {DeploymentSettings.ReceiptRuleSetVariable} ({ruleSet}) and {DeploymentSettings.ReceiptRuleVariable} ({rule}): the stack creates them in its own region; redeploy if they were deleted.");
        }
        return answer;
    }

    /// <summary><c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;…&lt;/Code&gt;&lt;Message&gt;…</c>, the query protocol's error body.</summary>
    private static AwsApiError ErrorOf(string body)
    {
        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            return new AwsApiError(
                error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value,
                error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value);
        }
        catch (XmlException)
        {
            return new AwsApiError(null, null);
        }
    }
}
