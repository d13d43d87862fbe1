namespace Mailflow.Core.Pipeline;

/// <summary>
/// Handles one message of one queue (an SES notification on the inbound queue, an envelope on the outbound queue)
/// for <see cref="QueueBatchProcessor"/>. Throws <see cref="Ports.PermanentFailureException"/> when retrying cannot
/// help, any other exception when it may.
/// </summary>
public interface IQueueRecordHandler
{
    Task<RecordOutcome> HandleAsync(QueueRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Called after Mailflow moved the record to the dead-letter queue, to undo what the record holds (an idempotency claim)
    /// and record the dead letter in the ledger for the mail the record is about. A failure here is logged, never retried:
    /// the dead letter already exists.
    /// </summary>
    Task DeadLetteredAsync(QueueRecord record, DeadLetter deadLetter, CancellationToken cancellationToken);
}
