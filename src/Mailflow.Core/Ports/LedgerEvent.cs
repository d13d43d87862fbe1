namespace Mailflow.Core.Ports;

/// <summary>The kinds of step the ledger records.</summary>
public enum LedgerEvent
{
    Received,
    Routed,
    Quarantined,
    Rejected,
    Failed,

    /// <summary>An outbound mail was handed to the mail service.</summary>
    Sent,

    /// <summary>An outbound envelope repeated an idempotency key already claimed: acknowledged, nothing sent.</summary>
    Duplicate,

    /// <summary>An outbound mail was deliberately not sent (an automatic reply to list, bulk or auto-submitted mail).</summary>
    Suppressed,

    /// <summary>An outbound mail waits on the queue for its rate limit.</summary>
    Delayed,

    /// <summary>A queue record of this mail was moved to its dead-letter queue (<see cref="LedgerEntry.Queue"/>).</summary>
    DeadLettered,

    /// <summary>An operator asked for the inbound pipeline to run again on the stored raw mail.</summary>
    Replayed,

    /// <summary>An app sent a reply to this received mail (<see cref="LedgerEntry.Reason"/> names the outbound id).</summary>
    Replied,

    /// <summary>An operator or admin action (<see cref="LedgerEntry.Actor"/>, <see cref="LedgerEntry.ReasonCode"/> = the action).</summary>
    Audit,
}
