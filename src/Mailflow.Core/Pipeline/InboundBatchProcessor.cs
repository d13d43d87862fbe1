using System.Globalization;
using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Logging;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;
using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// Handles a batch from the inbound queue the way the Lambda SQS event source expects: each record
/// independently, returning only the ones to retry. A permanent failure, or a record on its last allowed
/// receive, is moved to the dead-letter queue by Mailflow itself with diagnostics attributes (SQS's own
/// redrive would carry none) and reported done; a transient failure is left for redelivery.
/// </summary>
public sealed class InboundBatchProcessor(
    InboundPipeline pipeline,
    IQueueClient queues,
    string inboundQueue,
    int maxReceiveCount,
    TimeProvider time,
    ILogger<InboundBatchProcessor> logger)
{
    /// <summary>Processes the records side by side (they are independent mails) and reports the ones to retry.</summary>
    public async Task<BatchResult> ProcessAsync(IReadOnlyList<QueueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var succeeded = await Task.WhenAll(records.Select(record => ProcessOneAsync(record, cancellationToken))).ConfigureAwait(false);
        return new BatchResult([.. records.Where((_, i) => !succeeded[i]).Select(r => r.MessageId)]);
    }

    /// <returns>False when the record is to be retried.</returns>
    private async Task<bool> ProcessOneAsync(QueueRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.ProcessAsync(ReadNotification(record), cancellationToken).ConfigureAwait(false);
        }
        catch (PermanentFailureException ex)
        {
            await DeadLetterAsync(record, ex, DeadLetterAttributes.Permanent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && record.ReceiveCount >= maxReceiveCount)
        {
            await DeadLetterAsync(record, ex, DeadLetterAttributes.Exhausted, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WorkerLog.WillRetry(logger, record.MessageId, record.ReceiveCount, maxReceiveCount, ex.GetType().Name, ex);
            return false;
        }
        return true;
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

    private async Task DeadLetterAsync(QueueRecord record, Exception ex, string failureClass, CancellationToken cancellationToken)
    {
        var deadLetterQueue = QueueNames.DeadLetterOf(inboundQueue);
        var attributes = new Dictionary<string, string>
        {
            [DeadLetterAttributes.FailureClass] = failureClass,
            [DeadLetterAttributes.ErrorType] = ex.GetType().Name,
            [DeadLetterAttributes.Error] = ex.Message,
            [DeadLetterAttributes.SourceQueue] = inboundQueue,
            [DeadLetterAttributes.ReceiveCount] = record.ReceiveCount.ToString(CultureInfo.InvariantCulture),
            [DeadLetterAttributes.FailedAt] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            [DeadLetterAttributes.OriginalMessageId] = record.MessageId,
        };
        await queues.SendAsync(deadLetterQueue, new QueueMessage(record.Body, attributes), cancellationToken).ConfigureAwait(false);
        WorkerLog.DeadLettered(logger, record.MessageId, deadLetterQueue, failureClass, ex.GetType().Name);
    }
}
