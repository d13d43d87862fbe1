namespace Mailflow.Core.Ports;

/// <summary>One step in a mail's life, with its reason when it did not simply go through.</summary>
/// <param name="MailId">The SES message id of a received mail; the outbound id of a mail an app sends.</param>
/// <param name="ProviderMessageId">For <see cref="LedgerEvent.Sent"/>: the mail service's id (SES message id, relay queue id).</param>
/// <param name="MessageId">For <see cref="LedgerEvent.Sent"/>: the Message-ID header the mail went out with.</param>
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
    string? MessageId = null);
