using Mailflow.Core.Logging;
using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// The outbound queue's records: envelopes handed to the <see cref="OutboundPipeline"/>. When one is dead-lettered
/// its idempotency claim is released (so the app can send it again, fixed, under the same key) and the ledger says why.
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
        return pipeline.ProcessAsync(record.Body, record.MessageId, cancellationToken);
    }

    public async Task DeadLetteredAsync(QueueRecord record, Exception failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(failure);
        var reasonCode = (failure as PermanentFailureException)?.ReasonCode ?? DeadLetterAttributes.Exhausted;
        OutboundLog.Failed(logger, record.MessageId, reasonCode);
        var envelope = TryRead(record.Body);
        var now = time.GetUtcNow();
        // An envelope too broken to name its app and key is known by its queue message id, and holds no claim.
        var mailId = $"queue:{record.MessageId}";
        if (envelope is { App: { } app, IdempotencyKey: { } key })
        {
            mailId = OutboundIds.MailId(app, key);
            await idempotency.ReleaseAsync(new IdempotencyRequest(app, key, record.MessageId, now, now), cancellationToken).ConfigureAwait(false);
        }
        await ledger.RecordAsync(new LedgerEntry(mailId, LedgerEvent.Failed, now, App: envelope?.App, ReasonCode: reasonCode,
            Reason: failure.Message), cancellationToken).ConfigureAwait(false);
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
