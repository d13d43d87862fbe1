namespace Mailflow.Core.Routing;

/// <summary>One target app, the envelope recipients that reached it, and the first <c>+tag</c> among them.</summary>
public sealed record AppRoute(string App, IReadOnlyList<string> Recipients, string? MailboxHash);
