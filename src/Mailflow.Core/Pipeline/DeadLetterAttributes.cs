namespace Mailflow.Core.Pipeline;

/// <summary>The diagnostics Mailflow attaches, as message attributes, to the dead letters it writes itself.</summary>
public static class DeadLetterAttributes
{
    /// <summary><c>permanent</c> (retrying cannot help) or <c>exhausted</c> (failed maxReceiveCount times).</summary>
    public const string FailureClass = "mailflow-failure-class";
    public const string ErrorType = "mailflow-error-type";
    public const string Error = "mailflow-error";
    public const string SourceQueue = "mailflow-source-queue";
    public const string ReceiveCount = "mailflow-receive-count";
    public const string FailedAt = "mailflow-failed-at";
    public const string OriginalMessageId = "mailflow-original-message-id";

    /// <summary>The stable reason code (<c>foreign-sender</c>, <c>relay-rejected</c>, …) when the failure has one.</summary>
    public const string ReasonCode = "mailflow-reason-code";

    public const string Permanent = "permanent";
    public const string Exhausted = "exhausted";
}
