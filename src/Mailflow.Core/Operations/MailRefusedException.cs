namespace Mailflow.Core.Operations;

/// <summary>
/// The receipt path refused a mail handed to <see cref="IMailArchive.InjectAsync"/>, as it would refuse a sender:
/// <see cref="Code"/> is the SMTP reply code and enhanced status (e.g. <c>451 4.3.2</c> while inbound is paused).
/// </summary>
public sealed class MailRefusedException : Exception
{
    public MailRefusedException(string code, string message) : base(message) => Code = code;

    public MailRefusedException() => Code = "550 5.0.0";

    public MailRefusedException(string message) : base(message) => Code = "550 5.0.0";

    public MailRefusedException(string message, Exception innerException) : base(message, innerException) => Code = "550 5.0.0";

    public string Code { get; }
}
