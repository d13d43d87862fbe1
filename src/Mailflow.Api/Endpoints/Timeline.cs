using Mailflow.Api.Views;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// Turns ledger entries into the steps people read. A <see cref="LedgerEvent.Received"/> entry is written after the raw
/// mail was read back from storage, so it stands for both "received" and "stored"; a <see cref="LedgerEvent.Routed"/>
/// entry is written after the envelope was put on its queue, so it stands for "routed" and "queued".
/// </summary>
public static class Timeline
{
    public static IEnumerable<TimelineStep> StepsOf(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = entry.Event.ToString();
        switch (entry.Event)
        {
            case LedgerEvent.Received:
                yield return Step("received", entry, "Mailflow took the mail from the inbound queue.");
                yield return Step("stored", entry, "The raw mail is stored and was read back for processing.");
                break;
            case LedgerEvent.Routed:
                yield return Step("routed", entry, entry.App is null ? null : $"Routed to {entry.App}.");
                yield return Step("queued", entry, entry.Queue is null ? null : $"Envelope {entry.EnvelopeId} put on {entry.Queue}.");
                break;
            default:
                yield return Step(MessageStatus.Of(entry.Event) ?? name.ToLowerInvariant(), entry, Detail(entry));
                break;
        }
    }

    private static TimelineStep Step(string step, LedgerEntry entry, string? detail) =>
        new(step, entry.Event.ToString(), entry.At, entry.App, entry.Queue, entry.ReasonCode, detail ?? entry.Reason, entry.Actor);

    private static string? Detail(LedgerEntry entry) => entry.Event switch
    {
        LedgerEvent.Sent => $"Sent as {entry.MessageId}" + (entry.ProviderMessageId is { } provider ? $" (provider id {provider})" : "") + ".",
        LedgerEvent.Replied => entry.Reason is { } outbound ? $"{entry.App} replied with outbound mail {outbound}." : null,
        LedgerEvent.DeadLettered => $"Moved to {entry.Queue}" + (entry.Reason is { } reason ? $": {reason}" : "."),
        _ => entry.Reason,
    };
}
