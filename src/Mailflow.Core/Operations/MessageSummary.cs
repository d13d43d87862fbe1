namespace Mailflow.Core.Operations;

/// <summary>
/// One mail as search lists it: its first and latest entry, its status (<see cref="MessageStatus"/> of the latest
/// entry that changes it) and the apps it was routed to or sent by. Addresses are as recorded: the API redacts them.
/// </summary>
public sealed record MessageSummary(
    string MailId,
    string Direction,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastUpdated,
    string Status,
    IReadOnlyList<string> Apps,
    string? From,
    IReadOnlyList<string> Recipients,
    string? Subject);
