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
}
