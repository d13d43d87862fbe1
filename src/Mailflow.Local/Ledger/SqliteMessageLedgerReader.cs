using System.Text;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using Mailflow.Local.Queues;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Ledger;

/// <summary>
/// <see cref="IMessageLedgerReader"/> on the SQLite ledger: search walks an index newest first (<c>ledger_mails_newest</c>,
/// <c>ledger_mails_by_status</c> or <c>ledger_mail_apps</c>) from the cursor's keyset position, so a deep page costs what
/// the first does; figures come from the counters <see cref="LedgerWrites"/> keeps. Reads use the engine's read-only
/// connections (WAL snapshots beside the writer). Open the ledger (<see cref="SqliteMessageLedger.OpenAsync"/>) first:
/// it creates the tables read here.
/// </summary>
public sealed class SqliteMessageLedgerReader(SqliteQueueEngine engine) : IMessageLedgerReader
{
    private const string SummaryColumns = "m.id, m.mail_id, m.direction, m.first_ms, m.last_ms, m.status, m.status_ms, m.apps, m.mail_from, m.recipients, m.subject, m.facts_ms";

    private readonly SqliteQueueEngine _engine = engine ?? throw new ArgumentNullException(nameof(engine));

    public async Task<MessagePage> SearchAsync(MessageSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        LedgerSearchRules.Validate(search);
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        // The first table of the FROM is the index walked: the app's rows when filtering by app, else the summaries.
        var (from, timeColumn, idColumn) = search.App is null
            ? ("ledger_mails m", "m.first_ms", "m.id")
            : ("ledger_mail_apps a JOIN ledger_mails m ON m.id = a.mail", "a.first_ms", "a.mail");
        var where = new List<string>();
        if (search.App is { } app)
        {
            where.Add("a.app = $app");
            command.Parameters.AddWithValue("$app", app);
        }
        if (search.Status is { } status)
        {
            where.Add("m.status = $status");
            command.Parameters.AddWithValue("$status", status);
        }
        if (search.Since is { } since)
        {
            where.Add($"{timeColumn} >= $since");
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        }
        if (search.Until is { } until)
        {
            where.Add($"{timeColumn} < $until");
            command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        }
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            where.Add("instr(m.search_text, $text) > 0");
            command.Parameters.AddWithValue("$text", search.Text.Trim().ToLowerInvariant());
        }
        if (search.Cursor is { } cursor)
        {
            var (atMs, id) = LedgerCursor.Decode(LedgerCursor.Search, cursor);
            where.Add($"({timeColumn}, {idColumn}) < ($cursorAt, $cursorId)");
            command.Parameters.AddWithValue("$cursorAt", atMs);
            command.Parameters.AddWithValue("$cursorId", id);
        }
        var sql = new StringBuilder($"SELECT {SummaryColumns} FROM {from}");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }
        sql.Append($" ORDER BY {timeColumn} DESC, {idColumn} DESC LIMIT $limit");
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("$limit", search.Limit + 1);
        var rows = new List<MailSummaryRow>(search.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(LedgerWrites.ReadSummary(reader));
            }
        }
        if (rows.Count <= search.Limit)
        {
            return new MessagePage([.. rows.Select(row => row.ToSummary())], null);
        }
        var last = rows[search.Limit - 1];
        return new MessagePage([.. rows.Take(search.Limit).Select(row => row.ToSummary())], LedgerCursor.Encode(LedgerCursor.Search, last.FirstMs, last.Id!.Value));
    }

    public async Task<MessageSummary?> GetAsync(string mailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SummaryColumns} FROM ledger_mails m WHERE m.mail_id = $mail";
        command.Parameters.AddWithValue("$mail", mailId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? LedgerWrites.ReadSummary(reader).ToSummary() : null;
    }

    public async Task<IReadOnlyList<LedgerEntry>> TimelineAsync(string mailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        // Oldest first by time; entries of one instant in the order they were recorded.
        command.CommandText = $"{LedgerEntryReader.Columns} FROM ledger WHERE ses_message_id = $mail ORDER BY at_ms, seq";
        command.Parameters.AddWithValue("$mail", mailId);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MetricsSummary> SummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var totals = new MetricsSummaryBuilder();
        await using var connection = _engine.OpenReader();
        foreach (var window in CounterWindow.Split(from, to))
        {
            var (table, column) = window.Hourly ? ("ledger_counters_hourly", "hour_ms") : ("ledger_counters", "minute_ms");
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name, app, SUM(count) FROM {table} WHERE {column} >= $from AND {column} < $to GROUP BY name, app";
            command.Parameters.AddWithValue("$from", window.Start.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$to", window.End.ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                totals.Add(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            }
        }
        return totals.Build(from, to);
    }

    public async Task<IReadOnlyList<MetricPoint>> SeriesAsync(string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        var series = new MetricSeriesBuilder(metric, from, to, step);
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        // Whole-hour buckets over a window of whole hours read the hourly counters (168 rows a week instead of 10,080);
        // otherwise ledger_counters_by_name gives one name over the window, and the latency.* names are read from the
        // window's minutes by primary key.
        var hourly = CounterWindow.SeriesIsHourly(from, to, step);
        var (table, column) = hourly ? ("ledger_counters_hourly", "hour_ms") : ("ledger_counters", "minute_ms");
        var names = series.IsLatency ? "name >= 'latency.' AND name < 'latency/'" : "name = $name";
        // No GROUP BY: the builder adds the rows up itself, and sorting ~200,000 latency rows of a week for it took longer
        // than reading them.
        command.CommandText = $"SELECT {column}, name, count FROM {table} WHERE {names} AND {column} >= $from AND {column} < $to";
        command.Parameters.AddWithValue("$name", metric);
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            series.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetInt64(2));
        }
        return series.Points();
    }

    public async Task<AuditPage> AuditAsync(string? cursor, int limit, CancellationToken cancellationToken)
    {
        LedgerSearchRules.ValidateLimit(limit, nameof(limit));
        await using var connection = _engine.OpenReader();
        await using var command = connection.CreateCommand();
        var after = "";
        if (cursor is not null)
        {
            var (atMs, seq) = LedgerCursor.Decode(LedgerCursor.Audit, cursor);
            after = " AND (at_ms, seq) < ($cursorAt, $cursorSeq)";
            command.Parameters.AddWithValue("$cursorAt", atMs);
            command.Parameters.AddWithValue("$cursorSeq", seq);
        }
        // The partial index ledger_audit holds exactly the rows of this WHERE.
        command.CommandText = $"{LedgerEntryReader.Columns} FROM ledger WHERE event = 'Audit'{after} ORDER BY at_ms DESC, seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit + 1);
        var entries = new List<(LedgerEntry Entry, long Seq)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add((LedgerEntryReader.Read(reader), reader.GetInt64(12)));
            }
        }
        if (entries.Count <= limit)
        {
            return new AuditPage([.. entries.Select(e => e.Entry)], null);
        }
        var (last, lastSeq) = entries[limit - 1];
        return new AuditPage([.. entries.Take(limit).Select(e => e.Entry)], LedgerCursor.Encode(LedgerCursor.Audit, last.At.ToUnixTimeMilliseconds(), lastSeq));
    }

    private static async Task<IReadOnlyList<LedgerEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(LedgerEntryReader.Read(reader));
        }
        return entries;
    }
}
