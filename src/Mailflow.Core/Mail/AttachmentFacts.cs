using MimeKit;

namespace Mailflow.Core.Mail;

/// <summary>What Mailflow measured of one attachment part: decoded size, hash, first bytes and, for small parts, the decoded bytes.</summary>
public sealed record AttachmentFacts(
    int Index,
    MimeEntity Part,
    string? Filename,
    string ContentType,
    string? ContentId,
    bool Inline,
    long Size,
    string Sha256,
    byte[] Prefix,
    byte[]? Decoded = null)
{
    /// <summary>The extension of the filename, lower case without the dot; null without one.</summary>
    public string? Extension => Path.GetExtension(Filename) is { Length: > 1 } ext ? ext[1..].ToLowerInvariant() : null;
}
