using Mailflow.Core.Ports;

namespace Mailflow.Core.Operations;

/// <summary>
/// The direction a ledger summary shows: the latest <see cref="MailFacts.Direction"/> when an entry carried facts, else
/// what the entry's kind implies (only received mail is routed, quarantined, rejected, replayed or replied to; only
/// outbound mail is sent, duplicated, suppressed or delayed). Failures and dead letters happen to both, so a mail known
/// only by those reads <see cref="Unknown"/> until a telling entry arrives.
/// </summary>
public static class MessageDirection
{
    public const string Unknown = "unknown";

    /// <summary>The direction an entry's kind implies, or null when it happens in both directions.</summary>
    public static string? Of(LedgerEvent entry) => entry switch
    {
        LedgerEvent.Received or LedgerEvent.Routed or LedgerEvent.Quarantined or LedgerEvent.Rejected
            or LedgerEvent.Replayed or LedgerEvent.Replied => ThreadEntry.Inbound,
        LedgerEvent.Sent or LedgerEvent.Duplicate or LedgerEvent.Suppressed or LedgerEvent.Delayed => ThreadEntry.Outbound,
        _ => null,
    };
}
