namespace Mailflow.Api.Views;

/// <summary>A test mail received: its id and where to follow it.</summary>
public sealed record TestInboundView(string MailId, string To, string Timeline);
