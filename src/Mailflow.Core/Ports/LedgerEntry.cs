namespace Mailflow.Core.Ports;

/// <summary>One step in a mail's life, with its reason when it did not simply go through.</summary>
public sealed record LedgerEntry(
    string SesMessageId,
    LedgerEvent Event,
    DateTimeOffset At,
    string? EnvelopeId = null,
    string? App = null,
    string? Queue = null,
    string? ReasonCode = null,
    string? Reason = null);
