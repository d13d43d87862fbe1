namespace Mailflow.Core.Ports;

/// <summary>
/// The mail service did not take the mail now, but a later attempt may succeed: an SMTP 4xx reply ("transient negative
/// completion", RFC 5321 §4.2.1), an unreachable relay, a dropped connection, a timeout, or a relay setting that an
/// operator has to fix (TLS, credentials) while the mail itself is fine. Deliberately not a
/// <see cref="PermanentFailureException"/>: the platform redelivers the queue message (LESSONS.md: retriable errors
/// must not become permanent ones).
/// </summary>
public sealed class MailDeferredException : Exception
{
    public MailDeferredException(string message) : base(message) { }

    public MailDeferredException(string message, Exception inner) : base(message, inner) { }

    public MailDeferredException() { }

    /// <summary>The SMTP reply code (e.g. 451) when the service answered; null when it could not be reached.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The enhanced status code of the reply (RFC 3463, e.g. <c>4.3.0</c>), when the service sent one.</summary>
    public string? EnhancedStatusCode { get; init; }
}
