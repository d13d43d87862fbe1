namespace Mailflow.Core.Ports;

/// <summary>The kinds of step the ledger records.</summary>
public enum LedgerEvent
{
    Received,
    Routed,
    Quarantined,
    Rejected,
    Failed,
}
