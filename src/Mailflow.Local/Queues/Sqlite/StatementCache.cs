using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// Keeps the writer connection's commands, and so their prepared statements, for reuse: the single writer runs every
/// queue and ledger write, and preparing each statement (SAVEPOINT and RELEASE included) anew for every operation
/// was a large part of its time under load. Only connections registered here cache; each is used by one thread.
/// </summary>
internal static class StatementCache
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, ReusableCommand>> s_caches = new();

    public static void Enable(SqliteConnection connection) => s_caches.AddOrUpdate(connection, new Dictionary<string, ReusableCommand>(StringComparer.Ordinal));

    /// <summary>A command for the SQL: a reused one, parameters cleared, on a caching connection; a new one otherwise.</summary>
    public static SqliteCommand Get(SqliteConnection connection, string sql)
    {
        if (!s_caches.TryGetValue(connection, out var cache))
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
        if (!cache.TryGetValue(sql, out var reusable))
        {
            reusable = new ReusableCommand { Connection = connection, CommandText = sql };
            cache[sql] = reusable;
        }
        reusable.Parameters.Clear();
        reusable.Transaction = null;
        return reusable;
    }

    /// <summary>A command whose Dispose keeps its prepared statements for the next use; the connection releases them when it closes.</summary>
    private sealed class ReusableCommand : SqliteCommand
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2215", Justification = "Not disposing is the point: the prepared statements live on; SqliteConnection releases them on close.")]
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Parameters.Clear();
            }
        }
    }
}
