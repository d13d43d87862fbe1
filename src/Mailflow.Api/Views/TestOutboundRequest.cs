namespace Mailflow.Api.Views;

/// <summary>The body of <c>POST /api/test/outbound</c>: the sending app, the recipient, optional subject and text.</summary>
public sealed record TestOutboundRequest(string? App, string? To, string? Subject, string? Text);
