namespace Mailflow.Api.Views;

/// <summary>A test outbound envelope enqueued: the mail id it will be sent (and found in the ledger) under.</summary>
public sealed record TestOutboundView(string MailId, string IdempotencyKey, string Queue, string Timeline);
