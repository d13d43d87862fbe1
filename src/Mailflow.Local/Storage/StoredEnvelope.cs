namespace Mailflow.Local.Storage;

/// <summary>The SMTP envelope of a stored mail, when it arrived, and its size (to tell a complete mail from an interrupted write).</summary>
public sealed record StoredEnvelope(string MailFrom, IReadOnlyList<string> Recipients, DateTimeOffset ReceivedAt)
{
    /// <summary>The stored mail's size in bytes, set by the store.</summary>
    public long Size { get; init; }
}
