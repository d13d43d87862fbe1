using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using Mailflow.Local.Queues.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Ledger;

/// <summary>
/// Everything one ledger write changes, run on the queue engine's single writer inside one transaction: the entries,
/// the summary of each mail they touch (read once, folded in memory, written once) and the per-minute and per-hour
/// counters of <see cref="LedgerMetrics.CountersOf"/>. A batch of many entries therefore costs one summary write per
/// mail and one upsert per counter, not one per entry.
/// </summary>
internal static class LedgerWrites
{
    /// <summary>Separates apps and recipients in their TEXT columns: neither an app name nor an address holds a line break.</summary>
    public const char ListSeparator = '\n';

    private const string InsertEntry = """
        INSERT INTO ledger (ses_message_id, event, at_ms, envelope_id, app, queue, reason_code, reason, provider_message_id, message_id, latency_ms, actor)
        VALUES ($mail, $event, $at, $envelope, $app, $queue, $code, $reason, $provider, $messageId, $latency, $actor)
        """;

    private const string SelectSummary = """
        SELECT id, mail_id, direction, first_ms, last_ms, status, status_ms, apps, mail_from, recipients, subject, facts_ms
        FROM ledger_mails WHERE mail_id = $mail
        """;

    private const string InsertSummary = """
        INSERT INTO ledger_mails (mail_id, direction, first_ms, last_ms, status, status_ms, apps, mail_from, recipients, subject, facts_ms, search_text)
        VALUES ($mail, $direction, $first, $last, $status, $statusAt, $apps, $from, $recipients, $subject, $factsAt, $search)
        RETURNING id
        """;

    private const string UpdateSummary = """
        UPDATE ledger_mails SET direction = $direction, first_ms = $first, last_ms = $last, status = $status, status_ms = $statusAt,
            apps = $apps, mail_from = $from, recipients = $recipients, subject = $subject, facts_ms = $factsAt, search_text = $search
        WHERE id = $id
        """;

    private const string AddMinuteCount = """
        INSERT INTO ledger_counters (minute_ms, name, app, count) VALUES ($at, $name, $app, $count)
        ON CONFLICT (minute_ms, name, app) DO UPDATE SET count = count + excluded.count
        """;

    private const string AddHourCount = """
        INSERT INTO ledger_counters_hourly (hour_ms, name, app, count) VALUES ($at, $name, $app, $count)
        ON CONFLICT (hour_ms, name, app) DO UPDATE SET count = count + excluded.count
        """;

    private static readonly long s_hourMs = (long)TimeSpan.FromHours(1).TotalMilliseconds;

    /// <summary>Appends the entries and updates what they change; returns how many entries were written.</summary>
    public static int Append(SqliteConnection connection, IReadOnlyList<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            connection.Execute(
                InsertEntry,
                ("$mail", entry.MailId),
                ("$event", entry.Event.ToString()),
                ("$at", entry.At.ToUnixTimeMilliseconds()),
                ("$envelope", entry.EnvelopeId),
                ("$app", entry.App),
                ("$queue", entry.Queue),
                ("$code", entry.ReasonCode),
                ("$reason", entry.Reason),
                ("$provider", entry.ProviderMessageId),
                ("$messageId", entry.MessageId),
                ("$latency", entry.Latency is { } latency ? (long)Math.Round(latency.TotalMilliseconds) : null),
                ("$actor", entry.Actor));
        }
        Summarize(connection, entries);
        Count(connection, entries);
        return entries.Count;
    }

    /// <summary>Builds the summaries and counters of a ledger written before they existed, from its entries in order.</summary>
    public static void Rebuild(SqliteConnection connection)
    {
        var entries = new List<LedgerEntry>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"{LedgerEntryReader.Columns} FROM ledger ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(LedgerEntryReader.Read(reader));
            }
        }
        Summarize(connection, entries);
        Count(connection, entries);
    }

    private static void Summarize(SqliteConnection connection, IReadOnlyList<LedgerEntry> entries)
    {
        var loaded = new Dictionary<string, MailSummaryRow?>(StringComparer.Ordinal);
        var folded = new Dictionary<string, MailSummaryRow>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(entry => entry.Event != LedgerEvent.Audit))
        {
            if (!folded.TryGetValue(entry.MailId, out var row))
            {
                row = Load(connection, entry.MailId);
                loaded[entry.MailId] = row;
            }
            folded[entry.MailId] = row is null ? MailSummaryRow.Start(entry) : row.With(entry);
        }
        foreach (var (mailId, row) in folded)
        {
            Save(connection, loaded[mailId], row);
        }
    }

    private static MailSummaryRow? Load(SqliteConnection connection, string mailId)
    {
        using var command = connection.Command(SelectSummary, ("$mail", mailId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSummary(reader) : null;
    }

    /// <summary>Reads the columns of <see cref="SelectSummary"/>, in that order.</summary>
    public static MailSummaryRow ReadSummary(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.NullableString(2),
        reader.GetInt64(3),
        reader.GetInt64(4),
        reader.GetString(5),
        reader.NullableInt64(6),
        SplitList(reader.GetString(7)),
        reader.NullableString(8),
        SplitList(reader.GetString(9)),
        reader.NullableString(10),
        reader.NullableInt64(11));

    private static string[] SplitList(string value) => value.Length == 0 ? [] : value.Split(ListSeparator);

    private static void Save(SqliteConnection connection, MailSummaryRow? before, MailSummaryRow row)
    {
        (string, object?)[] values =
        [
            ("$direction", row.Direction),
            ("$first", row.FirstMs),
            ("$last", row.LastMs),
            ("$status", row.Status),
            ("$statusAt", row.StatusMs),
            ("$apps", string.Join(ListSeparator, row.Apps)),
            ("$from", row.From),
            ("$recipients", string.Join(ListSeparator, row.Recipients)),
            ("$subject", row.Subject),
            ("$factsAt", row.FactsMs),
            ("$search", row.SearchText),
        ];
        long id;
        if (before?.Id is { } existing)
        {
            id = existing;
            connection.Execute(UpdateSummary, [.. values, ("$id", id)]);
        }
        else
        {
            id = (long)connection.Scalar(InsertSummary, [.. values, ("$mail", row.MailId)])!;
        }
        var firstMoved = before is not null && before.FirstMs != row.FirstMs;
        if (firstMoved)
        {
            connection.Execute("UPDATE ledger_mail_apps SET first_ms = $first WHERE mail = $id", ("$first", row.FirstMs), ("$id", id));
        }
        foreach (var app in row.Apps.Where(app => before is null || !before.Apps.Contains(app, StringComparer.Ordinal)))
        {
            connection.Execute(
                "INSERT OR IGNORE INTO ledger_mail_apps (app, first_ms, mail) VALUES ($app, $first, $id)",
                ("$app", app), ("$first", row.FirstMs), ("$id", id));
        }
    }

    private static void Count(SqliteConnection connection, IReadOnlyList<LedgerEntry> entries)
    {
        var minutes = new Dictionary<(long At, string Name, string App), long>();
        foreach (var entry in entries)
        {
            var minute = LedgerMetrics.Bucket(entry.At).ToUnixTimeMilliseconds();
            foreach (var (name, app) in LedgerMetrics.CountersOf(entry))
            {
                minutes[(minute, name, app)] = minutes.GetValueOrDefault((minute, name, app)) + 1;
            }
        }
        var hours = new Dictionary<(long At, string Name, string App), long>();
        foreach (var ((minute, name, app), count) in minutes)
        {
            connection.Execute(AddMinuteCount, ("$at", minute), ("$name", name), ("$app", app), ("$count", count));
            var hour = minute - (minute % s_hourMs);
            hours[(hour, name, app)] = hours.GetValueOrDefault((hour, name, app)) + count;
        }
        foreach (var ((hour, name, app), count) in hours)
        {
            connection.Execute(AddHourCount, ("$at", hour), ("$name", name), ("$app", app), ("$count", count));
        }
    }
}
