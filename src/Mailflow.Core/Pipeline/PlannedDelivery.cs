using Mailflow.Core.Policy;

namespace Mailflow.Core.Pipeline;

/// <summary>A decided but not yet published destination: outcome, recipients, reason, and each attachment's verdict.</summary>
public sealed record PlannedDelivery(
    DeliveryOutcome Outcome,
    string? App,
    IReadOnlyList<string> Recipients,
    string? MailboxHash,
    EffectiveLimits Limits,
    IReadOnlyList<AttachmentVerdict> AttachmentVerdicts,
    string? ReasonCode = null,
    string? Reason = null);
