namespace Mailflow.Core.Threading;

/// <summary>
/// Message-IDs in one comparable form. RFC 5322 §3.6.4 writes them as <c>&lt;left@right&gt;</c>; mail clients
/// quote them with or without the brackets and some change the case of the domain part, which RFC 5321 §2.4
/// makes case-insensitive. The left part is kept as written: it is opaque and may be case-sensitive.
/// </summary>
public static class MessageIds
{
    /// <summary><c>left@right</c> with the brackets and surrounding space removed and the domain part lowercased; null when nothing is left.</summary>
    public static string? Normalize(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
        {
            return null;
        }
        var id = messageId.Trim();
        if (id.StartsWith('<') && id.EndsWith('>'))
        {
            id = id[1..^1].Trim();
        }
        if (id.Length == 0)
        {
            return null;
        }
        var at = id.LastIndexOf('@');
        return at < 0 ? id : string.Concat(id.AsSpan(0, at + 1), id[(at + 1)..].ToLowerInvariant());
    }

    /// <summary>The header form, <c>&lt;left@right&gt;</c>, of a normalised id.</summary>
    public static string ToHeader(string normalized) => $"<{normalized}>";
}
