using System.Text.Json;

namespace Mailflow.Api.Views;

/// <summary>
/// One destination of a previewed mail: <paramref name="Outcome"/> is <c>delivered</c>, <c>quarantined</c> or
/// <c>rejected</c> (the pipeline's outcomes); <paramref name="Envelope"/>, for delivered mail only, is the
/// <c>mailflow.inbound.v1</c> envelope the app would receive, exactly as it would be queued.
/// </summary>
public sealed record RoutePreviewDelivery(
    string Outcome,
    string? App,
    string? Queue,
    string? ReasonCode,
    string? Reason,
    string? EnvelopeId,
    JsonElement? Envelope);
