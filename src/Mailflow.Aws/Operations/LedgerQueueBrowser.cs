using System.Globalization;
using System.Text;
using System.Text.Json;
using Mailflow.Core.Envelopes;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.Operations;

/// <summary>
/// Browsing a queue that SQS cannot show without receiving (every queue but a DLQ): the mails the ledger says are waiting
/// on it, newest <c>max</c> of them, oldest first. SQS has no peek: ReceiveMessage hides a message for the visibility
/// timeout, even 0 counts a receive, and on a queue with a redrive policy every look brings it closer to its DLQ
/// (LESSONS.md). The ledger knows what was routed, not what is still on the queue, so the note says so.
/// </summary>
internal sealed class LedgerQueueBrowser(IMessageLedgerReader ledger)
{
    public const string Source = "ledger";

    public async Task<QueueBrowse> BrowseAsync(MailflowQueue queue, int max, CancellationToken cancellationToken)
    {
        var (status, direction, what) = queue.Kind switch
        {
            MailflowQueue.AppQueue => ("routed", ThreadEntry.Inbound, $"mails routed to {queue.App} whose latest step is still 'routed'"),
            MailflowQueue.Quarantine => ("quarantined", (string?)null, "mails whose latest step is 'quarantined'"),
            MailflowQueue.Inbound => ("received", ThreadEntry.Inbound, "mails received and not yet routed"),
            _ => ("delayed", (string?)ThreadEntry.Outbound, "outbound mails waiting for their rate limit (an envelope the worker has not read yet is not in the ledger)"),
        };
        var page = await ledger.SearchAsync(new MessageSearch(App: queue.App, Status: status, Limit: max), cancellationToken).ConfigureAwait(false);
        var messages = page.Items
            .Where(item => direction is null || item.Direction == direction)
            .Reverse()
            .Select(item => ToMessage(item, queue.App))
            .ToList();
        var note = $"SQS cannot show a queue's messages without receiving them, which would change their visibility and receive count, so these are the {max} most recent {what}, from the ledger: some may already have been consumed. Envelope bodies are not shown; addresses and subject are on the message's timeline.";
        return new QueueBrowse(queue.Name, Source, messages, note);
    }

    private static BrowsedMessage ToMessage(MessageSummary summary, string? app)
    {
        var envelopeId = summary.Direction == ThreadEntry.Inbound ? StorageKeys.EnvelopeId(summary.MailId, app) : summary.MailId;
        return new BrowsedMessage(envelopeId, Body(summary, envelopeId), new Dictionary<string, string?>(), 0, summary.LastUpdated);
    }

    /// <summary>The summary without addresses or subject: the API redacts those on the timeline, not inside a body.</summary>
    private static string Body(MessageSummary summary, string envelopeId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("mailId", summary.MailId);
            json.WriteString("envelopeId", envelopeId);
            json.WriteString("direction", summary.Direction);
            json.WriteString("status", summary.Status);
            json.WriteString("firstSeen", summary.FirstSeen.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("lastUpdated", summary.LastUpdated.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartArray("apps");
            foreach (var app in summary.Apps)
            {
                json.WriteStringValue(app);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
