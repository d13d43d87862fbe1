namespace Mailflow.Api.Views;

/// <summary>The body of <c>POST /api/test/inbound</c>: the app to mail (its first address), and optional subject and text.</summary>
public sealed record TestInboundRequest(string? App, string? Subject, string? Text);
