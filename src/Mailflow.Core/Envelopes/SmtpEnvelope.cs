namespace Mailflow.Core.Envelopes;

/// <summary>The SMTP envelope: MAIL FROM and the RCPT TO recipients that routed to this app.</summary>
public sealed record SmtpEnvelope(string MailFrom, IReadOnlyList<string> Recipients);
