namespace Mailflow.Core.Operations;

/// <summary>One page of search results; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record MessagePage(IReadOnlyList<MessageSummary> Items, string? NextCursor);
