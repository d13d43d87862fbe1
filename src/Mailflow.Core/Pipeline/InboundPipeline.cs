using Mailflow.Core.Envelopes;
using Mailflow.Core.Links;
using Mailflow.Core.Logging;
using Mailflow.Core.Mail;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Redaction;
using Mailflow.Core.Ses;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// From an SES receipt notification to envelopes on queues, in this order: fetch the raw mail into
/// a spool, parse, route on the envelope recipients, apply each app's policy, store attachments,
/// publish envelopes, record every outcome in the ledger. Store and queue errors propagate so the
/// platform redelivers; bad mail never throws: it gets an outcome with a reason.
/// </summary>
public sealed class InboundPipeline(
    InboundRules rules,
    IRawMailStore rawMail,
    IAttachmentStore attachmentStore,
    IQueueClient queues,
    IMessageLedger ledger,
    IThreadIndex threads,
    AttachmentLinkSigner links,
    TimeProvider time,
    ILogger<InboundPipeline> logger)
{
    private readonly EnvelopePublisher _publisher = new(queues, attachmentStore, links, logger);
    private readonly InboundThreading _threading = new(threads);

    public Task<InboundResult> ProcessAsync(SesReceiptNotification notification, CancellationToken cancellationToken) =>
        ProcessAsync(notification, null, cancellationToken);

    /// <param name="enqueuedAt">
    /// When the notification was put on the inbound queue (SQS SentTimestamp). Processing latency runs from the later of
    /// this and SES's receipt time, so that a replay, which queues the original notification again days later, is
    /// measured from the replay and not from the first receipt.
    /// </param>
    public async Task<InboundResult> ProcessAsync(SesReceiptNotification notification, DateTimeOffset? enqueuedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var sesId = notification.Mail.MessageId;
        var location = new RawMailLocation(notification.Receipt.Action.BucketName, notification.Receipt.Action.ObjectKey);
        var raw = await rawMail.OpenReadAsync(location, cancellationToken).ConfigureAwait(false);
        await using var spool = await MailSpool.CreateAsync(raw, cancellationToken).ConfigureAwait(false);
        var size = spool.Length;
        InboundLog.Received(logger, sesId, size, Redact.Address(notification.Mail.Source), Redact.Addresses(notification.Receipt.Recipients));
        // Recorded while the mail is parsed and routed, not before: the entry needs no result of that work, and the
        // ledger's commit then overlaps it. Awaited before this method returns, so a failure still fails the mail.
        var received = ledger.RecordAsync(new LedgerEntry(sesId, LedgerEvent.Received, time.GetUtcNow()), cancellationToken);
        try
        {
            return await RouteAndPublishAsync(notification, spool, size, LatencyStart(notification, enqueuedAt), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await received.ConfigureAwait(false);
        }
    }

    private async Task<InboundResult> RouteAndPublishAsync(SesReceiptNotification notification, Stream spool, long size, DateTimeOffset? latencyStart,
        CancellationToken cancellationToken)
    {
        var sesId = notification.Mail.MessageId;

        if (size > rules.Global.Limits.MaxMessageBytes)
        {
            using var headers = MailParser.ParseHeaders(spool, cancellationToken);
            return await QuarantineWholeAsync(notification, headers, size, ReasonCodes.MessageTooLarge,
                $"The message is {size} bytes; the limit is {rules.Global.Limits.MaxMessageBytes}. Its body was not read.", latencyStart, cancellationToken)
                .ConfigureAwait(false);
        }

        ParsedMail parsed;
        try
        {
            parsed = MailParser.Parse(spool, cancellationToken);
        }
        catch (MailParseException ex)
        {
            using var headers = MailParser.ParseHeaders(spool, cancellationToken);
            return await QuarantineWholeAsync(notification, headers, size, ex.ReasonCode, ex.Message, latencyStart, cancellationToken).ConfigureAwait(false);
        }

        await using (parsed.ConfigureAwait(false))
        {
            var message = parsed.Message;
            var routing = rules.Router.Route(notification.Receipt.Recipients);
            foreach (var unroutable in routing.Unroutable)
            {
                InboundLog.Unroutable(logger, sesId, Redact.Address(unroutable.Recipient), unroutable.Reason);
            }
            var content = MailContent.Of(message);
            var attachments = AttachmentScanner.Scan(content.Attachments, cancellationToken);
            var sender = message.From.Mailboxes.FirstOrDefault()?.Address ?? notification.Mail.Source;
            var plans = DeliveryPlanner.Plan(rules, routing, sender, notification.Receipt.Verdicts(), size, attachments);
            var stored = await StoreAttachmentsAsync(sesId, attachments, plans, cancellationToken).ConfigureAwait(false);
            var common = await WithThreadAsync(InboundEnvelopeFactory.Create(notification, message, content, size), message, cancellationToken).ConfigureAwait(false);
            var deliveries = new List<Delivery>(plans.Count);
            for (var i = 0; i < plans.Count; i++)
            {
                var latencyFrom = i == plans.Count - 1 ? latencyStart : null;
                deliveries.Add(await DeliverAsync(common, plans[i], AttachmentEntries(sesId, attachments, plans[i], stored), latencyFrom, cancellationToken)
                    .ConfigureAwait(false));
            }
            return new InboundResult(sesId, size, deliveries);
        }
    }

    private async Task<InboundResult> QuarantineWholeAsync(SesReceiptNotification notification, MimeMessage headers, long size,
        string reasonCode, string reason, DateTimeOffset? latencyStart, CancellationToken cancellationToken)
    {
        var recipients = notification.Receipt.Recipients.Select(r => r.Trim().ToLowerInvariant()).ToList();
        var plan = DeliveryPlanner.Quarantine(rules.Global, recipients, [], reasonCode, reason);
        var common = await WithThreadAsync(InboundEnvelopeFactory.Create(notification, headers, content: null, size), headers, cancellationToken).ConfigureAwait(false);
        var delivery = await DeliverAsync(common, plan, [], latencyStart, cancellationToken).ConfigureAwait(false);
        return new InboundResult(notification.Mail.MessageId, size, [delivery]);
    }

    private async Task<InboundEnvelope> WithThreadAsync(InboundEnvelope common, MimeMessage message, CancellationToken cancellationToken) =>
        common with { ThreadId = await _threading.RecordAsync(common.SesMessageId, message, common.Verdicts.Dmarc, cancellationToken).ConfigureAwait(false) };

    /// <param name="latencyFrom">
    /// Set for the mail's last delivery only: its entry ends the mail's processing and carries the latency since then,
    /// so that each mail is one sample of the latency histogram however many apps it reached.
    /// </param>
    private async Task<Delivery> DeliverAsync(InboundEnvelope common, PlannedDelivery plan,
        IReadOnlyList<EnvelopeAttachment> attachments, DateTimeOffset? latencyFrom, CancellationToken cancellationToken)
    {
        var sesId = common.SesMessageId;
        var envelopeId = StorageKeys.EnvelopeId(sesId, plan.App);
        var app = plan.App ?? "(unroutable)";
        var facts = FactsOf(common);
        if (plan.Outcome == DeliveryOutcome.Rejected)
        {
            InboundLog.Rejected(logger, sesId, app, plan.ReasonCode!);
            var now = time.GetUtcNow();
            await ledger.RecordAsync(new LedgerEntry(sesId, LedgerEvent.Rejected, now, envelopeId, plan.App,
                ReasonCode: plan.ReasonCode, Reason: plan.Reason, Facts: facts, Latency: LedgerLatency.Since(latencyFrom, now)), cancellationToken).ConfigureAwait(false);
            return new Delivery(DeliveryOutcome.Rejected, plan.App, null, plan.ReasonCode, plan.Reason, null);
        }

        var quarantined = plan.Outcome == DeliveryOutcome.Quarantined;
        var queue = quarantined ? rules.Queues.Quarantine : rules.Queues.ForApp(plan.App!);
        var envelope = common with
        {
            Id = envelopeId,
            App = plan.App,
            Envelope = common.Envelope with { Recipients = plan.Recipients },
            MailboxHash = plan.MailboxHash,
            Attachments = attachments,
            Quarantine = quarantined ? new QuarantineInfo(plan.ReasonCode!, plan.Reason!) : null,
        };
        envelope = await _publisher.PublishAsync(queue, envelope, plan.Limits.MaxEnvelopeBytes, cancellationToken).ConfigureAwait(false);
        if (quarantined)
        {
            InboundLog.Quarantined(logger, sesId, app, plan.ReasonCode!);
        }
        else
        {
            InboundLog.Routed(logger, sesId, app, queue, envelopeId);
        }
        var at = time.GetUtcNow();
        await ledger.RecordAsync(new LedgerEntry(sesId, quarantined ? LedgerEvent.Quarantined : LedgerEvent.Routed, at,
            envelopeId, plan.App, queue, plan.ReasonCode, plan.Reason, Facts: facts, Latency: LedgerLatency.Since(latencyFrom, at)), cancellationToken).ConfigureAwait(false);
        return new Delivery(plan.Outcome, plan.App, queue, plan.ReasonCode, plan.Reason, envelope);
    }

    /// <summary>
    /// Records that a queue record of this mail went to a dead-letter queue (<see cref="InboundRecordHandler"/> calls it
    /// after <see cref="QueueBatchProcessor"/> wrote the dead letter): the timeline then says where the mail is.
    /// </summary>
    public Task RecordDeadLetteredAsync(string sesMessageId, DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return ledger.RecordAsync(new LedgerEntry(sesMessageId, LedgerEvent.DeadLettered, time.GetUtcNow(), Queue: deadLetter.Queue,
            ReasonCode: deadLetter.ReasonCode, Reason: deadLetter.Failure.Message), cancellationToken);
    }

    /// <summary>
    /// Who wrote to whom about what, for search: the From header's address (the envelope sender when there is none),
    /// every envelope recipient of the mail (Bcc included: LESSONS.md, header To/Cc miss them) and the decoded subject.
    /// </summary>
    private static MailFacts FactsOf(InboundEnvelope common) =>
        new(ThreadEntry.Inbound, common.From?.Address ?? (string.IsNullOrWhiteSpace(common.Envelope.MailFrom) ? null : common.Envelope.MailFrom),
            common.Envelope.Recipients, common.Subject);

    /// <summary>When SES received the mail (<c>mail.timestamp</c>; the receipt's when a notification lacks it), or null when neither is set.</summary>
    private static DateTimeOffset? ReceivedAt(SesReceiptNotification notification) =>
        notification.Mail.Timestamp != default ? notification.Mail.Timestamp
        : notification.Receipt.Timestamp != default ? notification.Receipt.Timestamp
        : null;

    private static DateTimeOffset? LatencyStart(SesReceiptNotification notification, DateTimeOffset? enqueuedAt) =>
        (ReceivedAt(notification), enqueuedAt) switch
        {
            ({ } received, { } enqueued) => received > enqueued ? received : enqueued,
            (var received, var enqueued) => received ?? enqueued,
        };

    /// <summary>Stores, once, every attachment that some non-rejected destination may receive.</summary>
    private async Task<IReadOnlyDictionary<int, (string Url, DateTimeOffset ExpiresAt)>> StoreAttachmentsAsync(
        string sesId, IReadOnlyList<AttachmentFacts> attachments, IReadOnlyList<PlannedDelivery> plans, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<int, (string, DateTimeOffset)>();
        foreach (var facts in attachments)
        {
            if (!plans.Any(p => p.Outcome != DeliveryOutcome.Rejected && p.AttachmentVerdicts[facts.Index].Allowed))
            {
                continue;
            }
            var key = StorageKeys.Attachment(sesId, facts.Index);
            var content = await AttachmentScanner.OpenDecodedAsync(facts, cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                await attachmentStore.PutAsync(key, content, facts.ContentType, cancellationToken).ConfigureAwait(false);
            }
            stored[facts.Index] = links.Create(StorageKeys.AttachmentId(sesId, facts.Index));
        }
        return stored;
    }

    private List<EnvelopeAttachment> AttachmentEntries(string sesId, IReadOnlyList<AttachmentFacts> attachments,
        PlannedDelivery plan, IReadOnlyDictionary<int, (string Url, DateTimeOffset ExpiresAt)> stored)
    {
        var entries = new List<EnvelopeAttachment>(attachments.Count);
        foreach (var facts in attachments)
        {
            var verdict = plan.AttachmentVerdicts[facts.Index];
            var id = StorageKeys.AttachmentId(sesId, facts.Index);
            var isStored = verdict.Allowed && stored.ContainsKey(facts.Index);
            if (!verdict.Allowed)
            {
                InboundLog.AttachmentBlocked(logger, sesId, id, verdict.ReasonCode!);
            }
            entries.Add(new EnvelopeAttachment
            {
                Id = id,
                Filename = facts.Filename,
                ContentType = facts.ContentType,
                Size = facts.Size,
                Sha256 = facts.Sha256,
                ContentId = facts.ContentId,
                Inline = facts.Inline,
                StorageKey = isStored ? StorageKeys.Attachment(sesId, facts.Index) : null,
                Url = isStored ? stored[facts.Index].Url : null,
                UrlExpiresAt = isStored ? stored[facts.Index].ExpiresAt : null,
                Status = isStored ? EnvelopeAttachment.Stored : EnvelopeAttachment.Blocked,
                Reason = verdict.ReasonCode,
            });
        }
        return entries;
    }
}
