using MimeKit;

namespace Mailflow.Core.Ports;

/// <summary>
/// A composed mail and its SMTP envelope. Bcc recipients are in <see cref="Recipients"/> only, never in a header.
/// </summary>
/// <param name="MailId">Mailflow's outbound id, for logs and file names.</param>
public sealed record OutgoingMail(string MailId, MimeMessage Message, string EnvelopeFrom, IReadOnlyList<string> Recipients);
