namespace Mailflow.Local.Smtp;

/// <summary>One mail transaction, from an accepted MAIL FROM to the end of DATA, RSET, EHLO or HELO.</summary>
internal sealed class SmtpTransaction(string reversePath, long? declaredSize, bool smtpUtf8)
{
    /// <summary>The sender's address; empty for the null reverse-path <c>&lt;&gt;</c> of bounces.</summary>
    public string ReversePath { get; } = reversePath;

    public long? DeclaredSize { get; } = declaredSize;

    /// <summary>MAIL FROM carried SMTPUTF8 (RFC 6531 §3.4): non-ASCII addresses are allowed.</summary>
    public bool SmtpUtf8 { get; } = smtpUtf8;

    /// <summary>The recipients the receiver accepted, in RCPT order.</summary>
    public List<string> Recipients { get; } = [];
}
