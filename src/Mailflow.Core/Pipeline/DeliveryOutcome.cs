namespace Mailflow.Core.Pipeline;

/// <summary>What happened to a mail for one destination.</summary>
public enum DeliveryOutcome
{
    /// <summary>An envelope is on the app's queue.</summary>
    Delivered,

    /// <summary>An envelope is on the quarantine queue, with its reason.</summary>
    Quarantined,

    /// <summary>Policy refused it: no envelope; the ledger holds the reason and the raw mail stays stored for its retention.</summary>
    Rejected,
}
