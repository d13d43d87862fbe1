using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>Terse parameterised commands: <c>connection.Execute(sql, ("@id", id))</c>.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = StatementCache.Get(connection, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static int Execute(this SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static int Execute(this SqliteConnection connection, string sql, SqliteTransaction transaction)
    {
        using var command = connection.Command(sql);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs SQL once, outside the statement cache: schema scripts run at open (several statements, never again) would
    /// only hold prepared statements for the life of the writer connection.
    /// </summary>
    public static int RunScript(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = connection.Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static long? NullableInt64(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? NullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
