namespace Mailflow.Local.Smtp;

/// <summary>
/// The listener's own replies. Enhanced status codes follow RFC 3463; RFC 2034 §3 puts them on every reply
/// except the greeting and the HELO/EHLO replies, which the session writes itself.
/// </summary>
internal static class SmtpReplies
{
    public static readonly SmtpReply Ok = new(250, "2.0.0", "OK");
    public static readonly SmtpReply ResetOk = new(250, "2.0.0", "Reset OK");
    public static readonly SmtpReply CannotVerify = new(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");

    public static readonly SmtpReply ReceiverFailed = new(451, "4.3.0", "Temporary failure while accepting the message; try again later");
    public static readonly SmtpReply TooManyRecipients = new(452, "4.5.3", "Too many recipients");

    public static readonly SmtpReply UnknownCommand = new(500, "5.5.2", "Command not recognized");
    public static readonly SmtpReply NotUtf8 = new(500, "5.5.2", "Command line is not valid UTF-8");
    public static readonly SmtpReply CommandLineTooLong = new(500, "5.5.6", "Command line too long (RFC 5321 4.5.3.1.4: 512 octets)");
    public static readonly SmtpReply TextLineTooLong = new(500, "5.5.6", "Message not accepted: a text line is longer than 1000 octets (RFC 5321 4.5.3.1.6)");

    public static readonly SmtpReply EhloSyntax = new(501, "5.5.4", "Syntax: EHLO hostname");
    public static readonly SmtpReply HeloSyntax = new(501, "5.5.4", "Syntax: HELO hostname");
    public static readonly SmtpReply MailSyntax = new(501, "5.5.4", "Syntax: MAIL FROM:<address> [SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8]");
    public static readonly SmtpReply RcptSyntax = new(501, "5.5.4", "Syntax: RCPT TO:<address>");
    public static readonly SmtpReply VrfySyntax = new(501, "5.5.4", "Syntax: VRFY address");
    public static readonly SmtpReply NoParameters = new(501, "5.5.4", "This command takes no parameters");
    public static readonly SmtpReply BadSenderAddress = new(501, "5.1.7", "Bad sender address syntax");
    public static readonly SmtpReply BadRecipientAddress = new(501, "5.1.3", "Bad recipient address syntax");

    public static readonly SmtpReply HelloFirst = new(503, "5.5.1", "Send EHLO or HELO first");
    public static readonly SmtpReply NestedMail = new(503, "5.5.1", "Sender already given; send RSET to start over");
    public static readonly SmtpReply MailFirst = new(503, "5.5.1", "Send MAIL FROM first");
    public static readonly SmtpReply RecipientFirst = new(503, "5.5.1", "No valid recipients");

    public static readonly SmtpReply MessageTooBig = new(552, "5.3.4", "Message too big for system");

    public static readonly SmtpReply UnknownParameter = new(555, "5.5.4", "Parameter not recognized");

    public static readonly SmtpReply NonAsciiSender = new(553, "5.6.7", "Non-ASCII sender address needs the SMTPUTF8 parameter");
    public static readonly SmtpReply NonAsciiRecipient = new(553, "5.6.7", "Non-ASCII recipient address needs SMTPUTF8 on MAIL FROM");

    public static SmtpReply Closing(string server) => new(221, "2.0.0", $"{server} closing connection");

    public static SmtpReply Timeout(string server) => new(421, "4.4.2", $"{server} timeout waiting for the client; closing connection");

    public static SmtpReply ShuttingDown(string server) => new(421, "4.3.2", $"{server} shutting down; try again later");

    public static SmtpReply TooManySessions(string server) => new(421, "4.7.0", $"{server} too many connections; try again later");
}
