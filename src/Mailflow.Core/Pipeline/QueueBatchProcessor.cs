using System.Globalization;
using Mailflow.Core.Configuration;
using Mailflow.Core.Logging;
using Mailflow.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// Handles a batch from one queue the way the Lambda SQS event source expects: each record independently,
/// returning only the ones to retry. A permanent failure, or a record on its last allowed receive, is moved to the
/// dead-letter queue by Mailflow itself with diagnostics attributes (SQS's own redrive would carry none) and
/// reported done; a transient failure is left for redelivery (LESSONS.md: let the platform redeliver).
/// </summary>
public sealed class QueueBatchProcessor(
    IQueueRecordHandler handler,
    IQueueClient queues,
    string sourceQueue,
    int maxReceiveCount,
    TimeProvider time,
    ILogger<QueueBatchProcessor> logger)
{
    public string SourceQueue => sourceQueue;

    /// <summary>Processes the records side by side (they are independent mails) and reports the ones to retry.</summary>
    public async Task<BatchResult> ProcessAsync(IReadOnlyList<QueueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var outcomes = await Task.WhenAll(records.Select(record => ProcessOneAsync(record, cancellationToken))).ConfigureAwait(false);
        var failed = new List<string>();
        var delays = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            if (outcomes[i] is not { } retry)
            {
                continue;
            }
            failed.Add(records[i].MessageId);
            if (retry.Delay is { } delay)
            {
                delays[records[i].MessageId] = delay;
            }
        }
        return new BatchResult(failed, delays);
    }

    /// <returns>Null when the record is done; otherwise when to retry it.</returns>
    private async Task<Retry?> ProcessOneAsync(QueueRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await handler.HandleAsync(record, cancellationToken).ConfigureAwait(false);
            return outcome.RetryAfter is { } wait ? new Retry(wait) : null;
        }
        catch (PermanentFailureException ex)
        {
            return await DeadLetterAsync(record, ex, DeadLetterAttributes.Permanent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && record.ReceiveCount >= maxReceiveCount)
        {
            return await DeadLetterAsync(record, ex, DeadLetterAttributes.Exhausted, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WorkerLog.WillRetry(logger, record.MessageId, record.ReceiveCount, maxReceiveCount, ex.GetType().Name, ex);
            return Retry.WithBackoff;
        }
    }

    /// <summary>
    /// Moves the record to the DLQ, then lets the handler undo what the record held and write the ledger. One record's trouble stays its own:
    /// when the DLQ cannot be written the record is retried (nothing is lost); when only the handler's clean-up fails,
    /// the dead letter exists, so the record is done and the failure is logged.
    /// </summary>
    /// <returns>Null when the record is done; a retry outcome when the dead letter could not be written.</returns>
    private async Task<Retry?> DeadLetterAsync(QueueRecord record, Exception ex, string failureClass, CancellationToken cancellationToken)
    {
        var deadLetterQueue = QueueNames.DeadLetterOf(sourceQueue);
        var attributes = new Dictionary<string, string>
        {
            [DeadLetterAttributes.FailureClass] = failureClass,
            [DeadLetterAttributes.ErrorType] = ex.GetType().Name,
            [DeadLetterAttributes.Error] = DeadLetterAttributes.Printable(ex.Message),
            [DeadLetterAttributes.SourceQueue] = sourceQueue,
            [DeadLetterAttributes.ReceiveCount] = record.ReceiveCount.ToString(CultureInfo.InvariantCulture),
            [DeadLetterAttributes.FailedAt] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            [DeadLetterAttributes.OriginalMessageId] = record.MessageId,
        };
        var reasonCode = (ex as PermanentFailureException)?.ReasonCode;
        if (reasonCode is not null)
        {
            attributes[DeadLetterAttributes.ReasonCode] = reasonCode;
        }
        try
        {
            await queues.SendAsync(deadLetterQueue, new QueueMessage(record.Body, attributes), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception sendFailure) when (sendFailure is not OperationCanceledException)
        {
            WorkerLog.DeadLetterFailed(logger, record.MessageId, deadLetterQueue, sendFailure.GetType().Name, sendFailure);
            return Retry.WithBackoff;
        }
        WorkerLog.DeadLettered(logger, record.MessageId, deadLetterQueue, failureClass, ex.GetType().Name);
        try
        {
            await handler.DeadLetteredAsync(record, new DeadLetter(deadLetterQueue, failureClass, reasonCode ?? failureClass, ex), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception cleanup) when (cleanup is not OperationCanceledException)
        {
            WorkerLog.DeadLetterCleanupFailed(logger, record.MessageId, cleanup.GetType().Name, cleanup);
        }
        return null;
    }

    /// <summary>A record to come back: after <see cref="Delay"/> when the handler named one, else after the consumer's backoff.</summary>
    private sealed record Retry(TimeSpan? Delay)
    {
        public static readonly Retry WithBackoff = new((TimeSpan?)null);
    }
}
