using Mailflow.Core.Operations;
using Mailflow.Core.Ports;

namespace Mailflow.Local.Ledger;

/// <summary>
/// One row of <c>ledger_mails</c> and how an entry changes it (<see cref="With"/>, pure). Entries may arrive out of
/// order (a retried worker records an older step late), so every field keeps the time it came from: the status is the
/// one of the latest entry that sets one, the facts those of the latest entry that carried some. Apps are listed in
/// ordinal order, as DynamoDB's string set returns them.
/// </summary>
internal sealed record MailSummaryRow(
    long? Id,
    string MailId,
    string? Direction,
    long FirstMs,
    long LastMs,
    string Status,
    long? StatusMs,
    IReadOnlyList<string> Apps,
    string? From,
    IReadOnlyList<string> Recipients,
    string? Subject,
    long? FactsMs)
{
    /// <summary>What a mail whose entries never set a status (a reply recorded before its mail) shows.</summary>
    public const string DefaultStatus = "received";

    /// <summary>The row a mail's first entry creates.</summary>
    public static MailSummaryRow Start(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = entry.At.ToUnixTimeMilliseconds();
        return new MailSummaryRow(null, entry.MailId, null, at, at, DefaultStatus, null, [], null, [], null, null).With(entry);
    }

    public MailSummaryRow With(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = entry.At.ToUnixTimeMilliseconds();
        var row = this with { FirstMs = Math.Min(FirstMs, at), LastMs = Math.Max(LastMs, at) };
        if (MessageStatus.Of(entry.Event) is { } status && (StatusMs is not { } statusMs || at >= statusMs))
        {
            row = row with { Status = status, StatusMs = at };
        }
        if (entry.App is { } app && !Apps.Contains(app, StringComparer.Ordinal))
        {
            row = row with { Apps = [.. Apps, app] };
        }
        if (entry.Facts is { } facts && (FactsMs is not { } factsMs || at >= factsMs))
        {
            row = row with { Direction = facts.Direction, From = facts.From, Recipients = facts.Recipients, Subject = facts.Subject, FactsMs = at };
        }
        else if (row.FactsMs is null && row.Direction is null)
        {
            row = row with { Direction = MessageDirection.Of(entry.Event) };
        }
        return row;
    }

    /// <summary>What text search looks in, lower-cased: id, sender, recipients, subject (one per line).</summary>
    public string SearchText => string.Join('\n', [MailId, From ?? "", .. Recipients, Subject ?? ""]).ToLowerInvariant();

    public MessageSummary ToSummary() => new(
        MailId, Direction ?? MessageDirection.Unknown, DateTimeOffset.FromUnixTimeMilliseconds(FirstMs),
        DateTimeOffset.FromUnixTimeMilliseconds(LastMs), Status, [.. Apps.Order(StringComparer.Ordinal)], From, Recipients, Subject);
}
