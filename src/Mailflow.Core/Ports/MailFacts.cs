namespace Mailflow.Core.Ports;

/// <summary>
/// What a mail is, as search shows it: direction, sender, recipients and subject. Personal data: the API shows the
/// addresses to admins only, and logs never carry them (<see cref="Redaction.Redact"/>).
/// </summary>
/// <param name="Direction"><see cref="ThreadEntry.Inbound"/> or <see cref="ThreadEntry.Outbound"/>.</param>
public sealed record MailFacts(string Direction, string? From, IReadOnlyList<string> Recipients, string? Subject);
