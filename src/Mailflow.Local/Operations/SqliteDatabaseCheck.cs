using Mailflow.Core.Operations;
using Mailflow.Local.Queues;
using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Operations;

/// <summary>The data directory's SQLite file (queues, ledger, idempotency records) can be opened and its ledger read.</summary>
public sealed class SqliteDatabaseCheck(SqliteQueueEngine engine) : IDependencyCheck
{
    public string Name => "database";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = engine.OpenReader();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM (SELECT 1 FROM ledger LIMIT 1)";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"The SQLite database cannot be read: {e.Message}", e);
        }
    }
}
