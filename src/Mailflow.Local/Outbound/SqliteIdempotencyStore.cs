using Mailflow.Core.Ports;
using Mailflow.Local.Queues;
using Mailflow.Local.Queues.Sqlite;

namespace Mailflow.Local.Outbound;

/// <summary>
/// <see cref="IIdempotencyStore"/> in the data directory's SQLite file, beside the queues and the ledger. Every change is
/// one statement on the queue engine's single writer: a claim is one conditional upsert whose row count says whether it
/// took, the SQLite twin of the single-item conditional write DynamoDB does on AWS. LESSONS.md: a read followed by a
/// write let duplicates through. Times are Unix milliseconds; a record has expired once <c>expires_at &lt;= now</c>.
/// </summary>
public sealed class SqliteIdempotencyStore : IIdempotencyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS idempotency (
            app TEXT NOT NULL,
            key TEXT NOT NULL,
            owner TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (app, key)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS idempotency_by_expiry ON idempotency (expires_at);
        """;

    /// <summary>
    /// Inserts a pending claim, or takes over the existing record when it has expired or is the same owner's pending
    /// claim (a redelivery of the same queue message). Otherwise the WHERE refuses the update and nothing changes.
    /// </summary>
    private const string Claim = """
        INSERT INTO idempotency (app, key, owner, state, expires_at) VALUES ($app, $key, $owner, 'pending', $expires)
        ON CONFLICT (app, key) DO UPDATE SET owner = excluded.owner, state = 'pending', expires_at = excluded.expires_at
        WHERE idempotency.expires_at <= $now OR (idempotency.state = 'pending' AND idempotency.owner = excluded.owner)
        """;

    private const string MarkSent = "UPDATE idempotency SET state = 'sent' WHERE app = $app AND key = $key AND owner = $owner";

    private const string Release = "DELETE FROM idempotency WHERE app = $app AND key = $key AND owner = $owner AND state = 'pending'";

    private const string PurgeExpired = "DELETE FROM idempotency WHERE expires_at <= $now";

    private readonly SqliteQueueEngine _engine;

    private SqliteIdempotencyStore(SqliteQueueEngine engine) => _engine = engine;

    /// <summary>Opens the store on the engine's database, creating its table when missing.</summary>
    public static async Task<SqliteIdempotencyStore> OpenAsync(SqliteQueueEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await engine.ExecuteWriteAsync(connection => connection.RunScript(Schema), cancellationToken).ConfigureAwait(false);
        return new SqliteIdempotencyStore(engine);
    }

    public async Task<IdempotencyClaim> TryClaimAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var changed = await _engine.ExecuteWriteAsync(
            connection => connection.Execute(
                Claim,
                ("$app", request.App),
                ("$key", request.Key),
                ("$owner", request.Owner),
                ("$expires", request.ExpiresAt.ToUnixTimeMilliseconds()),
                ("$now", request.Now.ToUnixTimeMilliseconds())),
            cancellationToken).ConfigureAwait(false);
        return changed == 1 ? IdempotencyClaim.Claimed : IdempotencyClaim.Duplicate;
    }

    /// <summary>Marks the key sent when the request's owner holds it; the record keeps the expiry of its claim.</summary>
    public Task MarkSentAsync(IdempotencyRequest request, CancellationToken cancellationToken) => RunAsync(MarkSent, request, cancellationToken);

    /// <summary>Deletes the owner's pending claim; a sent record, or another owner's claim, stays.</summary>
    public Task ReleaseAsync(IdempotencyRequest request, CancellationToken cancellationToken) => RunAsync(Release, request, cancellationToken);

    /// <summary>
    /// Deletes every record expired at <paramref name="now"/> and returns how many, so the table holds only the keys still
    /// guarding against duplicates (an expired record already counts as absent for a claim).
    /// </summary>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _engine.ExecuteWriteAsync(
            connection => connection.Execute(PurgeExpired, ("$now", now.ToUnixTimeMilliseconds())), cancellationToken);

    private Task<int> RunAsync(string sql, IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _engine.ExecuteWriteAsync(
            connection => connection.Execute(sql, ("$app", request.App), ("$key", request.Key), ("$owner", request.Owner)),
            cancellationToken);
    }
}
