namespace Mailflow.Core.Envelopes;

/// <summary>
/// Storage keys and link ids, derived only from ids Mailflow controls (the SES message id and the app),
/// never from the sender's Message-ID: two mails must never overwrite each other's files (LESSONS.md).
/// </summary>
public static class StorageKeys
{
    public static string AttachmentId(string sesMessageId, int index) => $"{sesMessageId}.a{index}";

    public static string Attachment(string sesMessageId, int index) => $"attachments/{sesMessageId}/a{index}";

    /// <summary><c>{sesMessageId}.{app}</c>; for quarantined mail that belongs to no app, <c>{sesMessageId}.quarantine</c>.</summary>
    public static string EnvelopeId(string sesMessageId, string? app) => $"{sesMessageId}.{app ?? "quarantine"}";

    public static string ClaimCheckId(string envelopeId) => $"{envelopeId}.json";

    public static string ClaimCheck(string envelopeId) => $"envelopes/{envelopeId}.json";

    /// <summary>The storage key a link id names, or null when it names nothing Mailflow stores.</summary>
    public static string? KeyOfLinkId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Contains('/', StringComparison.Ordinal) || id.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        if (id.EndsWith(".json", StringComparison.Ordinal))
        {
            return ClaimCheck(id[..^".json".Length]);
        }
        var marker = id.LastIndexOf(".a", StringComparison.Ordinal);
        return marker > 0 && int.TryParse(id.AsSpan(marker + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? Attachment(id[..marker], index)
            : null;
    }
}
