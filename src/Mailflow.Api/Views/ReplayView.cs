namespace Mailflow.Api.Views;

/// <summary>A replay accepted: the mail's receipt notification is on the inbound queue again.</summary>
public sealed record ReplayView(string MailId, string Queue, string Timeline);
