using Mailflow.Core.Envelopes;

namespace Mailflow.Core.Pipeline;

/// <summary>One destination's outcome: the app (null for unroutable mail), the queue and envelope if any, and the reason.</summary>
public sealed record Delivery(
    DeliveryOutcome Outcome,
    string? App,
    string? Queue,
    string? ReasonCode,
    string? Reason,
    InboundEnvelope? Envelope);
