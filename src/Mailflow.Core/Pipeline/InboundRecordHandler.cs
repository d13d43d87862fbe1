using System.Text.Json;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;

namespace Mailflow.Core.Pipeline;

/// <summary>The inbound queue's records: SES receipt notifications, handed to the <see cref="InboundPipeline"/>.</summary>
public sealed class InboundRecordHandler(InboundPipeline pipeline) : IQueueRecordHandler
{
    public async Task<RecordOutcome> HandleAsync(QueueRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await pipeline.ProcessAsync(ReadNotification(record), record.SentAt, cancellationToken).ConfigureAwait(false);
        return RecordOutcome.Done;
    }

    /// <summary>
    /// An inbound record holds nothing to undo (the raw mail stays in storage for a replay); the ledger records the dead
    /// letter on the mail the notification names. A body that is no notification names no mail: it gets no entry.
    /// </summary>
    public Task DeadLetteredAsync(QueueRecord record, DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(deadLetter);
        SesReceiptNotification notification;
        try
        {
            notification = ReadNotification(record);
        }
        catch (PermanentFailureException)
        {
            return Task.CompletedTask;
        }
        return string.IsNullOrEmpty(notification.Mail?.MessageId)
            ? Task.CompletedTask
            : pipeline.RecordDeadLetteredAsync(notification.Mail.MessageId, deadLetter, cancellationToken);
    }

    private static SesReceiptNotification ReadNotification(QueueRecord record)
    {
        try
        {
            return JsonSerializer.Deserialize(record.Body, SesJsonContext.Default.SesReceiptNotification)
                ?? throw new PermanentFailureException("The message body is JSON null, not an SES receipt notification.");
        }
        catch (JsonException ex)
        {
            throw new PermanentFailureException($"The message body is not an SES receipt notification: {ex.Message}", ex);
        }
    }
}
