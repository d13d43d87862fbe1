namespace Mailflow.Core.Envelopes;

/// <summary>Pointer to the full envelope JSON when it was too large for the queue.</summary>
public sealed record ClaimCheck(string StorageKey, long Size, string? Url, DateTimeOffset? UrlExpiresAt);
