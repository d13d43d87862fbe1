namespace Mailflow.Core.Operations;

/// <summary>
/// A mail the receipt path refused, as a sender would have been answered: <see cref="Code"/> is the reply code and its
/// enhanced status code (RFC 3463), e.g. <c>451 4.3.2</c> while inbound is paused, <c>550 5.7.1</c> while it is disabled,
/// <c>550 5.1.1</c> for a recipient outside the configured domains; the message is the reply's text. A 4xx code means
/// trying again later may succeed, a 5xx code that it will not as things stand.
/// </summary>
public sealed class MailRefusedException : Exception
{
    public MailRefusedException(string code, string message) : base(message) => Code = code;

    public MailRefusedException()
    {
        Code = "554 5.0.0";
    }

    public MailRefusedException(string message) : base(message) => Code = "554 5.0.0";

    public MailRefusedException(string message, Exception innerException) : base(message, innerException) => Code = "554 5.0.0";

    public string Code { get; }

    /// <summary>True for a 4xx code: the refusal is temporary.</summary>
    public bool IsTransient => Code.StartsWith('4');
}
