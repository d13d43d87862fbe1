using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// The database file: one writer connection (owned by <see cref="QueueWriter"/>) and pooled read-only snapshots for
/// browsing. WAL lets readers run beside the writer; <c>synchronous=FULL</c> fsyncs the WAL on every commit, so a
/// committed transaction survives a power cut (https://www.sqlite.org/pragma.html#pragma_synchronous).
/// </summary>
internal sealed class SqliteDatabase(string path)
{
    private readonly string _writerConnectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    private readonly string _readerConnectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
    }.ToString();

    public SqliteConnection OpenWriter()
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_writerConnectionString);
        connection.Open();
        connection.Scalar("PRAGMA journal_mode = WAL");
        connection.Execute("PRAGMA synchronous = FULL");
        connection.Execute("PRAGMA foreign_keys = ON");
        connection.Execute("PRAGMA busy_timeout = 5000");
        StatementCache.Enable(connection);
        SqliteSchema.Migrate(connection);
        return connection;
    }

    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Closes the pooled readers so the file is released (tests delete it; a restart reopens it).</summary>
    public void ReleaseReaders()
    {
        using var connection = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}
