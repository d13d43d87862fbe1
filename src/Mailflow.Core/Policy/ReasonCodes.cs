namespace Mailflow.Core.Policy;

/// <summary>Stable reason codes recorded in the ledger and shown to operators.</summary>
public static class ReasonCodes
{
    public const string Unroutable = "unroutable";
    public const string MessageTooLarge = "message-too-large";
    public const string EmptyMessage = "empty-message";
    public const string MalformedMime = "malformed-mime";
    public const string SenderBlocked = "sender-blocked";
    public const string SenderNotAllowed = "sender-not-allowed";
    public const string AttachmentBlocked = "attachment-blocked";

    public const string BlockedExtension = "blocked-extension";
    public const string ExecutableContent = "executable-content";
    public const string TypeMismatch = "type-mismatch";
    public const string TooLarge = "too-large";
    public const string TooManyAttachments = "too-many-attachments";

    /// <summary><c>verdict-spam-fail</c>, <c>verdict-virus-processing_failed</c>, …</summary>
    public static string Verdict(string verdict, string status) =>
        $"verdict-{verdict}-{status.ToLowerInvariant()}";
}
