using Mailflow.Core.Logging;
using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// The outbound queue's records: envelopes handed to the <see cref="OutboundPipeline"/>. When one is dead-lettered
/// its idempotency claim is released (so the app can send it again, fixed, under the same key) and the ledger says why
/// and where the record went.
/// </summary>
public sealed class OutboundRecordHandler(
    OutboundPipeline pipeline,
    IIdempotencyStore idempotency,
    IMessageLedger ledger,
    TimeProvider time,
    ILogger<OutboundRecordHandler> logger) : IQueueRecordHandler
{
    public Task<RecordOutcome> HandleAsync(QueueRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return pipeline.ProcessAsync(record.Body, record.MessageId, record.SentAt, cancellationToken);
    }

    /// <summary>
    /// Releases the claim first (what matters most for the app), then writes the failure and the dead letter to the ledger.
    /// An envelope too broken to name its app and key holds no claim and is known by its queue message id.
    /// </summary>
    public async Task DeadLetteredAsync(QueueRecord record, DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(deadLetter);
        OutboundLog.Failed(logger, record.MessageId, deadLetter.ReasonCode);
        var envelope = TryRead(record.Body);
        var now = time.GetUtcNow();
        var mailId = $"queue:{record.MessageId}";
        if (envelope is { App: { } app, IdempotencyKey: { } key })
        {
            mailId = OutboundIds.MailId(app, key);
            await idempotency.ReleaseAsync(new IdempotencyRequest(app, key, record.MessageId, now, now), cancellationToken).ConfigureAwait(false);
        }
        var facts = envelope is null ? null : OutboundFacts.Of(envelope);
        await ledger.RecordAsync(new LedgerEntry(mailId, LedgerEvent.Failed, now, App: envelope?.App, ReasonCode: deadLetter.ReasonCode,
            Reason: deadLetter.Failure.Message, Facts: facts), cancellationToken).ConfigureAwait(false);
        await ledger.RecordAsync(new LedgerEntry(mailId, LedgerEvent.DeadLettered, time.GetUtcNow(), App: envelope?.App, Queue: deadLetter.Queue,
            ReasonCode: deadLetter.ReasonCode), cancellationToken).ConfigureAwait(false);
    }

    private static OutboundEnvelope? TryRead(string body)
    {
        try
        {
            return OutboundReader.Read(body);
        }
        catch (OutboundInvalidException)
        {
            return null;
        }
    }
}
