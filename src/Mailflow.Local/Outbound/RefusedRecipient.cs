using MimeKit;

namespace Mailflow.Local.Outbound;

/// <summary>A recipient the relay refused for good (5xx to RCPT TO) while it accepted others.</summary>
internal sealed record RefusedRecipient(MailboxAddress Mailbox, int StatusCode, string Text);
