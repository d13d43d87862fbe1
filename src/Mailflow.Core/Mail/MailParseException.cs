namespace Mailflow.Core.Mail;

/// <summary>The bytes are not a mail Mailflow can read; <see cref="ReasonCode"/> says which way.</summary>
public sealed class MailParseException(string reasonCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string ReasonCode { get; } = reasonCode;
}
