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

    /// <summary>The longest error text kept: enough to diagnose, far from SQS's 256 KiB message limit.</summary>
    public const int MaxErrorLength = 2048;

    /// <summary>
    /// The text with every character SQS refuses in a message attribute replaced by <c>?</c> (SQS allows tab, LF, CR,
    /// U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF:
    /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html), cut to
    /// <see cref="MaxErrorLength"/>: an error quoting bad input must not make its own dead letter unwritable.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, MaxErrorLength));
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length >= MaxErrorLength)
            {
                break;
            }
            var value = rune.Value;
            var allowed = value is 0x9 or 0xA or 0xD || (value >= 0x20 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000;
            builder.Append(allowed ? rune.ToString() : "?");
        }
        return builder.ToString();
    }
}
