namespace Mailflow.Core.Ports;

/// <summary>One step in a mail's life, with its reason when it did not simply go through.</summary>
/// <param name="MailId">The SES message id of a received mail; the outbound id of a mail an app sends; an action id for <see cref="LedgerEvent.Audit"/>.</param>
/// <param name="ProviderMessageId">For <see cref="LedgerEvent.Sent"/>: the mail service's id (SES message id, relay queue id).</param>
/// <param name="MessageId">For <see cref="LedgerEvent.Sent"/>: the Message-ID header the mail went out with.</param>
/// <param name="Facts">Who wrote to whom about what: set on the entry that first knows them (routing, reading an outbound envelope).</param>
/// <param name="Latency">For the entry that ends processing (routed, quarantined, rejected, sent): time since the mail was received or enqueued.</param>
/// <param name="Actor">For <see cref="LedgerEvent.Audit"/>: who acted (the token's subject).</param>
public sealed record LedgerEntry(
    string MailId,
    LedgerEvent Event,
    DateTimeOffset At,
    string? EnvelopeId = null,
    string? App = null,
    string? Queue = null,
    string? ReasonCode = null,
    string? Reason = null,
    string? ProviderMessageId = null,
    string? MessageId = null,
    MailFacts? Facts = null,
    TimeSpan? Latency = null,
    string? Actor = null);
