namespace Mailflow.Local.Smtp;

/// <summary>An SMTP reply: code, enhanced status code (RFC 3463) and text.</summary>
public readonly record struct SmtpReply(int Code, string EnhancedCode, string Text)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public override string ToString() => $"{Code} {EnhancedCode} {Text}";
}
