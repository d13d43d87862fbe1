namespace Mailflow.Api.Views;

/// <summary>
/// One step of a mail's life: <paramref name="Step"/> is what happened (received, stored, routed, queued, quarantined,
/// rejected, failed, dead-lettered, replayed, replied, delayed, duplicate, suppressed, sent), <paramref name="Event"/> the
/// ledger entry it comes from.
/// </summary>
public sealed record TimelineStep(string Step, string Event, DateTimeOffset At, string? App, string? Queue, string? ReasonCode, string? Detail, string? Actor);
