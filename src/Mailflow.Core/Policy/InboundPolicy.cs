namespace Mailflow.Core.Policy;

/// <summary>
/// Decides, for one app, whether a mail is accepted, quarantined or rejected on its sender and its
/// SES verdicts. Pure. The most severe action wins; its reason is the first verdict in report order.
/// </summary>
public static class InboundPolicy
{
    /// <param name="sender">The From address (what the app will show and what DMARC protects); the envelope sender when From is missing.</param>
    public static PolicyDecision Evaluate(AppPolicy policy, string? sender, ReceiptVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(verdicts);
        var senderDecision = EvaluateSender(policy, sender);
        var verdictDecision = EvaluateVerdicts(policy.Verdicts, verdicts);
        return verdictDecision.Action > senderDecision.Action ? verdictDecision : senderDecision;
    }

    private static PolicyDecision EvaluateSender(AppPolicy policy, string? sender)
    {
        var address = sender?.Trim().ToLowerInvariant() ?? "";
        if (policy.BlockedSenders.FirstOrDefault(p => p.Matches(address)) is { } blocked)
        {
            return new PolicyDecision(PolicyAction.Reject, ReasonCodes.SenderBlocked,
                $"The sender matches the app's block list entry '{blocked.Pattern}'.");
        }
        if (policy.AllowedSenders.Count > 0 && !policy.AllowedSenders.Any(p => p.Matches(address)))
        {
            return new PolicyDecision(PolicyAction.Reject, ReasonCodes.SenderNotAllowed,
                "The sender is not on the app's allow list.");
        }
        return PolicyDecision.Accepted;
    }

    private static PolicyDecision EvaluateVerdicts(EffectiveVerdictPolicy table, ReceiptVerdicts verdicts)
    {
        var decision = PolicyDecision.Accepted;
        foreach (var (name, status) in verdicts.InReportOrder())
        {
            var action = table.ActionFor(name, status);
            if (action > decision.Action)
            {
                decision = new PolicyDecision(action, ReasonCodes.Verdict(name, status),
                    $"The SES {name} verdict is {status}.");
            }
        }
        return decision;
    }
}
