namespace Mailflow.Api.Views;

/// <summary>The body of <c>POST /api/queues/{name}/purge</c>: <paramref name="Confirm"/> must repeat the queue's name.</summary>
public sealed record PurgeRequest(string? Confirm);
