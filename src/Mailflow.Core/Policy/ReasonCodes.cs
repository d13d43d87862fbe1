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

    // Outbound (mailflow.outbound.v1): why an envelope was dead-lettered, suppressed or delayed.
    public const string InvalidEnvelope = "invalid-envelope";
    public const string UnknownApp = "unknown-app";
    public const string ForeignSender = "foreign-sender";
    public const string InvalidAddress = "invalid-address";
    public const string HeaderInjection = "header-injection";
    public const string ForbiddenHeader = "forbidden-header";
    public const string TooManyRecipients = "too-many-recipients";
    public const string AttachmentNotFound = "attachment-not-found";
    public const string LoopDetected = "loop-detected";
    public const string AutoReplyToAutomated = "auto-reply-to-automated";
    public const string AutoReplyToList = "auto-reply-to-list";
    public const string AutoReplyToDmarcFailure = "auto-reply-to-dmarc-failure";
    public const string RateLimited = "rate-limited";
    public const string RelayRejected = "relay-rejected";
    public const string DuplicateIdempotencyKey = "duplicate-idempotency-key";

    /// <summary><c>verdict-spam-fail</c>, <c>verdict-virus-processing_failed</c>, …</summary>
    public static string Verdict(string verdict, string status) =>
        $"verdict-{verdict}-{status.ToLowerInvariant()}";
}
