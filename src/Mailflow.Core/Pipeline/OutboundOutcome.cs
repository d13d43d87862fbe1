namespace Mailflow.Core.Pipeline;

/// <summary>What happened to one outbound envelope that did not fail.</summary>
public sealed record OutboundOutcome(OutboundStatus Status, string MailId, TimeSpan? RetryAfter = null);
