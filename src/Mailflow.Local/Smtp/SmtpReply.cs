namespace Mailflow.Local.Smtp;

/// <summary>
/// An SMTP reply: code, enhanced status code (RFC 3463, whose class digit matches the code's: 2.x.x, 4.x.x, 5.x.x)
/// and text. The text is one line: the listener writes CR, LF and non-ASCII characters in it as '?'.
/// </summary>
public readonly record struct SmtpReply(int Code, string EnhancedCode, string Text)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public override string ToString() => $"{Code} {EnhancedCode} {Text}";
}
