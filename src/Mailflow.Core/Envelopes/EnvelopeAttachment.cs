namespace Mailflow.Core.Envelopes;

/// <summary>One attachment or inline part. Blocked ones are listed with their reason but not stored.</summary>
public sealed record EnvelopeAttachment
{
    public const string Stored = "stored";
    public const string Blocked = "blocked";

    /// <summary>Mailflow's id (<c>{sesMessageId}.a{n}</c>), never derived from sender-controlled headers.</summary>
    public required string Id { get; init; }

    public string? Filename { get; init; }

    /// <summary>The full <c>type/subtype</c>, lower case.</summary>
    public required string ContentType { get; init; }

    public long Size { get; init; }
    public required string Sha256 { get; init; }
    public string? ContentId { get; init; }
    public bool Inline { get; init; }
    public string? StorageKey { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset? UrlExpiresAt { get; init; }
    public required string Status { get; init; }
    public string? Reason { get; init; }
}
