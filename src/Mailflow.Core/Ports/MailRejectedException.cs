namespace Mailflow.Core.Ports;

/// <summary>The mail service refused the mail for good (SMTP 5xx, RFC 5321 §4.2.1): sending it again cannot succeed.</summary>
public sealed class MailRejectedException : PermanentFailureException
{
    public MailRejectedException(string message) : base(message) => ReasonCode = Policy.ReasonCodes.RelayRejected;

    public MailRejectedException(string message, Exception inner) : base(message, inner) => ReasonCode = Policy.ReasonCodes.RelayRejected;

    public MailRejectedException() => ReasonCode = Policy.ReasonCodes.RelayRejected;

    /// <summary>The SMTP reply code (e.g. 550), when the service speaks SMTP.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The enhanced status code of the reply (RFC 3463, e.g. <c>5.1.1</c>), when the service sent one.</summary>
    public string? EnhancedStatusCode { get; init; }
}
