using Mailflow.Core.Ports;

namespace Mailflow.Core.Operations;

/// <summary>
/// A mail's status is the kebab-case name of its latest entry, except that <see cref="LedgerEvent.Replayed"/>,
/// <see cref="LedgerEvent.Replied"/> and <see cref="LedgerEvent.Audit"/> describe the mail without changing where it is.
/// </summary>
public static class MessageStatus
{
    public static IReadOnlyList<string> All { get; } =
    [
        "received", "routed", "quarantined", "rejected", "failed", "sent", "duplicate", "suppressed", "delayed", "dead-lettered",
    ];

    /// <summary>The status an entry sets, or null for entries that leave it as it was.</summary>
    public static string? Of(LedgerEvent entry) => entry switch
    {
        LedgerEvent.Received => "received",
        LedgerEvent.Routed => "routed",
        LedgerEvent.Quarantined => "quarantined",
        LedgerEvent.Rejected => "rejected",
        LedgerEvent.Failed => "failed",
        LedgerEvent.Sent => "sent",
        LedgerEvent.Duplicate => "duplicate",
        LedgerEvent.Suppressed => "suppressed",
        LedgerEvent.Delayed => "delayed",
        LedgerEvent.DeadLettered => "dead-lettered",
        _ => null,
    };

    public static bool IsKnown(string status) => All.Contains(status, StringComparer.Ordinal);
}
