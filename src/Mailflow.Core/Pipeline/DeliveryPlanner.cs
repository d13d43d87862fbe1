using Mailflow.Core.Mail;
using Mailflow.Core.Policy;
using Mailflow.Core.Routing;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// Turns a routing decision into destinations, applying each app's policy. Pure: the pipeline
/// does the I/O. Recipients no app takes go to the catch-all app, or to quarantine with a reason;
/// "no app wanted it" is an outcome, not a failure.
/// </summary>
public static class DeliveryPlanner
{
    public static IReadOnlyList<PlannedDelivery> Plan(
        InboundRules rules,
        RoutingDecision routing,
        string? sender,
        ReceiptVerdicts verdicts,
        long size,
        IReadOnlyList<AttachmentFacts> attachments)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(routing);
        var routes = routing.Routes.ToList();
        var plans = new List<PlannedDelivery>();
        if (routing.Unroutable.Count > 0)
        {
            var unroutable = routing.Unroutable.Select(u => u.Recipient).ToList();
            if (rules.CatchAllApp is { } catchAll)
            {
                var existing = routes.FindIndex(r => r.App == catchAll);
                routes = existing < 0
                    ? [.. routes, new AppRoute(catchAll, unroutable, null)]
                    : [.. routes.Select(r => r.App == catchAll ? r with { Recipients = [.. r.Recipients, .. unroutable] } : r)];
            }
            else
            {
                var reason = string.Join("; ", routing.Unroutable.Select(u => u.Reason).Distinct(StringComparer.Ordinal));
                plans.Add(Quarantine(rules.Global, unroutable, attachments, ReasonCodes.Unroutable,
                    $"{unroutable.Count} recipient(s) no app takes: {reason}."));
            }
        }
        plans.InsertRange(0, routes.Select(route => PlanForApp(rules.Apps[route.App], route, sender, verdicts, size, attachments)));
        return plans;
    }

    /// <summary>The one destination of mail that could not be read or was too large to read: quarantine.</summary>
    public static PlannedDelivery Quarantine(AppPolicy policy, IReadOnlyList<string> recipients,
        IReadOnlyList<AttachmentFacts> attachments, string reasonCode, string reason) =>
        new(DeliveryOutcome.Quarantined, null, recipients, null, policy.Limits,
            [.. attachments.Select(a => AttachmentRules.Evaluate(a, policy.Limits))], reasonCode, reason);

    private static PlannedDelivery PlanForApp(AppPolicy policy, AppRoute route, string? sender, ReceiptVerdicts verdicts,
        long size, IReadOnlyList<AttachmentFacts> attachments)
    {
        var attachmentVerdicts = attachments.Select(a => AttachmentRules.Evaluate(a, policy.Limits)).ToList();
        var decision = InboundPolicy.Evaluate(policy, sender, verdicts);
        if (decision.Action < PolicyAction.Quarantine && size > policy.Limits.MaxMessageBytes)
        {
            decision = new PolicyDecision(PolicyAction.Quarantine, ReasonCodes.MessageTooLarge,
                $"The message is {size} bytes; the app's limit is {policy.Limits.MaxMessageBytes}.");
        }
        var blocked = attachmentVerdicts.FirstOrDefault(v => !v.Allowed);
        var attachmentAction = policy.Limits.OnAttachmentViolation switch
        {
            AttachmentViolationAction.Quarantine => PolicyAction.Quarantine,
            AttachmentViolationAction.Reject => PolicyAction.Reject,
            _ => PolicyAction.Accept,
        };
        if (blocked is not null && attachmentAction > decision.Action)
        {
            decision = new PolicyDecision(attachmentAction, ReasonCodes.AttachmentBlocked,
                $"An attachment breaks the app's rules ({blocked.ReasonCode}).");
        }
        var outcome = decision.Action switch
        {
            PolicyAction.Reject => DeliveryOutcome.Rejected,
            PolicyAction.Quarantine => DeliveryOutcome.Quarantined,
            _ => DeliveryOutcome.Delivered,
        };
        return new PlannedDelivery(outcome, route.App, route.Recipients, route.MailboxHash, policy.Limits,
            attachmentVerdicts, decision.ReasonCode, decision.Reason);
    }
}
