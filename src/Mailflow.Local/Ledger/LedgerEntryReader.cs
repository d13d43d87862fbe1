using Mailflow.Core.Ports;
using Mailflow.Local.Queues.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Ledger;

/// <summary>
/// Reads ledger rows back as entries. <see cref="LedgerEntry.Facts"/> is always null: facts are kept on the mail's
/// summary (<c>ledger_mails</c>), not per entry.
/// </summary>
internal static class LedgerEntryReader
{
    /// <summary>The SELECT list <see cref="Read"/> expects, followed by <c>seq</c>.</summary>
    public const string Columns = """
        SELECT ses_message_id, event, at_ms, envelope_id, app, queue, reason_code, reason, provider_message_id, message_id, latency_ms, actor, seq
        """;

    public static LedgerEntry Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        Enum.Parse<LedgerEvent>(reader.GetString(1)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        reader.NullableString(3),
        reader.NullableString(4),
        reader.NullableString(5),
        reader.NullableString(6),
        reader.NullableString(7),
        reader.NullableString(8),
        reader.NullableString(9),
        Facts: null,
        Latency: reader.NullableInt64(10) is { } latency ? TimeSpan.FromMilliseconds(latency) : null,
        Actor: reader.NullableString(11));
}
