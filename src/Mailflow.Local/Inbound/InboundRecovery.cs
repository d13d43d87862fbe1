using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Ses;
using Mailflow.Local.Ledger;
using Mailflow.Local.Queues;
using Mailflow.Local.Storage;

namespace Mailflow.Local.Inbound;

/// <summary>
/// At start-up, before the listener and worker run: finds stored mails that never reached the inbound queue
/// (the process stopped between the durable write and the queue commit) and enqueues them, and removes
/// mails whose write was interrupted (never acknowledged). A mail counts as known when the ledger has it or its notification is still
/// on the inbound queue or its DLQ; enqueueing a known one again would be harmless (same envelope ids) but noisy.
/// </summary>
public sealed class InboundRecovery(
    MailflowConfig config,
    FileRawMailStore rawMail,
    SqliteMessageLedger ledger,
    IQueueEngine queues,
    LocalSmtpReceiver receiver)
{
    private const int PeekLimit = 1_000_000;

    /// <returns>How many mails were enqueued.</returns>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        rawMail.RemoveIncomplete(LocalSmtpReceiver.RawKeyPrefix);
        var known = new HashSet<string>(await ledger.ReceivedMessageIdsAsync(cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        var inbound = new QueueNames(config.Environment).Inbound;
        foreach (var queue in new[] { inbound, QueueNames.DeadLetterOf(inbound) })
        {
            foreach (var message in await queues.PeekAsync(queue, PeekLimit, cancellationToken).ConfigureAwait(false))
            {
                if (MessageIdOf(message.Body) is { } id)
                {
                    known.Add(id);
                }
            }
        }
        var recovered = 0;
        foreach (var (key, envelope) in rawMail.List(LocalSmtpReceiver.RawKeyPrefix))
        {
            var messageId = key[(key.LastIndexOf('/') + 1)..];
            if (known.Contains(messageId))
            {
                continue;
            }
            await receiver.EnqueueAsync(messageId, envelope.ReceivedAt, envelope.MailFrom, envelope.Recipients, cancellationToken).ConfigureAwait(false);
            recovered++;
        }
        return recovered;
    }

    private static string? MessageIdOf(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, SesJsonContext.Default.SesReceiptNotification)?.Mail.MessageId;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
