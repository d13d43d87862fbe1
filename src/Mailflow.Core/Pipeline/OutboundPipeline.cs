using Mailflow.Core.Logging;
using Mailflow.Core.Outbound;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// From an app's <c>mailflow.outbound.v1</c> envelope to a sent mail, in this order: read and validate (the app may
/// send only as its own addresses), thread from the index, loop and auto-reply guards, claim the idempotency key (one
/// conditional write), rate limit (wait on the queue, never drop), resolve attachments, compose, record the thread,
/// send, mark the key sent, add the Message-ID the service assigned, write the ledger (with the mail's facts, the
/// latency since it was enqueued, and a reply entry on the received mail it answers). Bad envelopes throw
/// <see cref="PermanentFailureException"/>s; store and send errors that may pass propagate for redelivery.
/// </summary>
public sealed class OutboundPipeline(
    OutboundRules rules,
    IIdempotencyStore idempotency,
    IThreadIndex threads,
    IAttachmentStore attachments,
    IMailSender sender,
    OutboundRateLimiter rateLimiter,
    IMessageLedger ledger,
    TimeProvider time,
    ILogger<OutboundPipeline> logger)
{
    private readonly OutboundThreading _threading = new(threads);

    /// <param name="owner">The queue message's id: the same message redelivered may retry its claim, another may not.</param>
    /// <param name="enqueuedAt">When the app put the message on the queue, if the host knows: the sent entry's latency starts there.</param>
    public async Task<RecordOutcome> ProcessAsync(string body, string owner, DateTimeOffset? enqueuedAt, CancellationToken cancellationToken)
    {
        var envelope = OutboundReader.Read(body);
        OutboundValidator.ThrowIfInvalid(envelope, rules);
        var app = envelope.App!;
        var mailId = OutboundIds.MailId(app, envelope.IdempotencyKey!);
        var facts = OutboundFacts.Of(envelope);

        var thread = await _threading.ResolveAsync(envelope.InReplyTo, mailId, cancellationToken).ConfigureAwait(false);
        if (thread is null)
        {
            OutboundLog.UnknownOriginal(logger, mailId, app, envelope.InReplyTo!);
            thread = OutboundThreading.Start(mailId);
        }
        if (thread.Hops > rules.Outbound.MaxHops)
        {
            throw new PermanentFailureException(
                $"The mail would be Mailflow hop {thread.Hops} of a conversation; the limit is {rules.Outbound.MaxHops} (outbound.maxHops). Two automated senders are probably answering each other.")
            { ReasonCode = ReasonCodes.LoopDetected };
        }
        if (envelope.AutoReply == true && thread.NoAutoReplyReason is { } refusal)
        {
            OutboundLog.Suppressed(logger, mailId, app, refusal);
            await RecordAsync(mailId, LedgerEvent.Suppressed, app, refusal, "An automatic reply to mail that asked for none (RFC 3834).", facts, cancellationToken).ConfigureAwait(false);
            return RecordOutcome.Done;
        }
        var now = time.GetUtcNow();
        var claim = new IdempotencyRequest(app, envelope.IdempotencyKey!, owner, now, now.AddHours(rules.Outbound.IdempotencyTtlHours));
        if (await idempotency.TryClaimAsync(claim, cancellationToken).ConfigureAwait(false) == IdempotencyClaim.Duplicate)
        {
            OutboundLog.Duplicate(logger, mailId, app);
            await RecordAsync(mailId, LedgerEvent.Duplicate, app, ReasonCodes.DuplicateIdempotencyKey, null, facts, cancellationToken).ConfigureAwait(false);
            return RecordOutcome.Done;
        }
        // After the claim, so that duplicates spend no rate budget. The waiting message keeps its claim when it comes back
        // (the same owner may claim again, and does so even if a wait longer than the TTL let the claim expire).
        if (rateLimiter.Acquire(mailId, app, RecipientDomains(envelope)) is { } reserved)
        {
            // SQS visibility is whole seconds; rounding down would bring the message back before its reservation.
            var wait = TimeSpan.FromSeconds(Math.Ceiling(reserved.TotalSeconds));
            OutboundLog.Delayed(logger, mailId, app, wait);
            await RecordAsync(mailId, LedgerEvent.Delayed, app, ReasonCodes.RateLimited, $"Waiting {wait} for the rate limit.", facts, cancellationToken).ConfigureAwait(false);
            return RecordOutcome.Delay(wait);
        }

        await SendAsync(envelope, facts, mailId, thread, claim, enqueuedAt, cancellationToken).ConfigureAwait(false);
        return RecordOutcome.Done;
    }

    /// <summary>
    /// Composes and sends, then marks the key sent before anything else can fail: a ledger or index error after the mail left
    /// must not make the redelivered message send it again. The thread entry is written before sending under Mailflow's own
    /// Message-ID, so a reply can thread even if the process dies right after the send; the id a service rewrote it to is added after.
    /// </summary>
    private async Task SendAsync(OutboundEnvelope envelope, MailFacts facts, string mailId, OutboundThread thread, IdempotencyRequest claim,
        DateTimeOffset? enqueuedAt, CancellationToken cancellationToken)
    {
        var resolved = await OutboundAttachments.ResolveAsync(envelope, attachments, rules.Outbound.MaxAttachmentBytes, cancellationToken).ConfigureAwait(false);
        var messageId = OutboundIds.MessageId(mailId, envelope.From!.Address!);
        var outgoing = OutboundComposer.Compose(new ComposeRequest(mailId, envelope, messageId, claim.Now, thread.InReplyTo, thread.References,
            thread.Hops, resolved, rules.Outbound.MaxMessageBytes));
        var entry = new ThreadEntry(mailId, thread.ThreadId, ThreadEntry.Outbound, [messageId], thread.References, thread.Hops, null);
        await threads.RecordAsync(entry, cancellationToken).ConfigureAwait(false);

        var sent = await sender.SendAsync(outgoing, cancellationToken).ConfigureAwait(false);
        await idempotency.MarkSentAsync(claim, cancellationToken).ConfigureAwait(false);

        // Recipients quote the Message-ID they saw; a service that rewrites it (SES) reports the rewritten one last.
        IReadOnlyList<string> knownAs = [.. sent.MessageIds.Reverse().Append(messageId).Distinct(StringComparer.Ordinal)];
        if (knownAs.Count > 1)
        {
            await threads.RecordAsync(entry with { MessageIds = knownAs }, cancellationToken).ConfigureAwait(false);
        }
        OutboundLog.Sent(logger, mailId, envelope.App!, outgoing.Recipients.Count, sent.ProviderMessageId);
        var sentAt = time.GetUtcNow();
        await ledger.RecordAsync(new LedgerEntry(mailId, LedgerEvent.Sent, sentAt, App: envelope.App,
            ProviderMessageId: sent.ProviderMessageId, MessageId: knownAs[0], Facts: facts, Latency: LedgerLatency.Since(enqueuedAt, sentAt)),
            cancellationToken).ConfigureAwait(false);
        if (thread.RepliesToInbound is { } original)
        {
            // On the received mail's own timeline, after the sent entry. Should the ledger fail here, the redelivered message
            // finds its key sent and records a duplicate, not this: the timeline may miss a reply, the recipient never gets two.
            await ledger.RecordAsync(new LedgerEntry(original, LedgerEvent.Replied, time.GetUtcNow(), App: envelope.App, Reason: mailId),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private Task RecordAsync(string mailId, LedgerEvent kind, string app, string reasonCode, string? reason, MailFacts facts, CancellationToken cancellationToken) =>
        ledger.RecordAsync(new LedgerEntry(mailId, kind, time.GetUtcNow(), App: app, ReasonCode: reasonCode, Reason: reason, Facts: facts), cancellationToken);

    private static List<string> RecipientDomains(OutboundEnvelope envelope) =>
        [.. new[] { envelope.To, envelope.Cc, envelope.Bcc }
            .SelectMany(list => list ?? [])
            .Select(recipient => recipient.Address ?? "")
            .Select(address => address[(address.LastIndexOf('@') + 1)..].ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)];
}
