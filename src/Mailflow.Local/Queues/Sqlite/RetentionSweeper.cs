using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// Drops messages older than their queue's retention period: lazily, at the start of every receive on a queue, and for
/// every queue once per <see cref="Interval"/> so idle queues shrink too. Reads (peek, counts) filter expired messages,
/// so nothing past retention is ever seen, swept or not.
/// </summary>
internal sealed class RetentionSweeper : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly QueueWriter _writer;
    private readonly QueueCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;

    public RetentionSweeper(QueueWriter writer, QueueCatalog catalog, TimeProvider time, ILogger logger)
    {
        (_writer, _catalog, _time, _logger) = (writer, catalog, time, logger);
        _timer = time.CreateTimer(_ => _ = SweepAsync(), null, Interval, Interval);
    }

    /// <summary>The first retention-start time still kept: a message with <c>retain_from</c> at or before it has expired.</summary>
    public static long Cutoff(QueueSettings settings, long now) => now - (long)settings.MessageRetention.TotalMilliseconds;

    public static int DeleteExpired(SqliteConnection connection, QueueEntry queue, long now) =>
        connection.Execute(
            "DELETE FROM messages WHERE queue_id = @queue AND retain_from <= @cutoff",
            ("@queue", queue.Id), ("@cutoff", Cutoff(queue.Settings, now)));

    public async Task<int> SweepAsync()
    {
        try
        {
            var queues = _catalog.All;
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var dropped = await _writer.ExecuteAsync(
                connection => queues.Sum(queue => DeleteExpired(connection, queue, now)), CancellationToken.None);
            if (dropped > 0)
            {
                QueueEngineLog.Expired(_logger, dropped);
            }

            return dropped;
        }
        catch (ObjectDisposedException)
        {
            return 0; // The engine is shutting down; the next start sweeps.
        }
        catch (SqliteException error)
        {
            QueueEngineLog.SweepFailed(_logger, error);
            return 0;
        }
    }

    public void Dispose() => _timer.Dispose();
}
