using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// Runs move tasks in the background, one batch per writer transaction. With a rate, a batch is at most 10 messages and
/// each batch is followed by a pause of batch/rate seconds (on the injected clock); without one, batches of 100 follow
/// each other. Stopping (dispose) leaves the task RUNNING in the database, so the next start resumes it.
/// </summary>
internal sealed class MoveTaskRunner(QueueWriter writer, QueueCatalog catalog, QueueSignals signals, TimeProvider time, ILogger logger)
    : IAsyncDisposable
{
    private const int UnlimitedBatch = 100;
    private const int RateLimitedBatch = 10;

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    public void Start(string handle, QueueEntry source, int? maxPerSecond) =>
        _running[handle] = Task.Run(() => RunAsync(handle, source, maxPerSecond));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values);
        _stopping.Dispose();
    }

    private async Task RunAsync(string handle, QueueEntry source, int? maxPerSecond)
    {
        var batch = maxPerSecond is { } rate ? Math.Min(rate, RateLimitedBatch) : UnlimitedBatch;
        try
        {
            long moved = 0;
            while (true)
            {
                var step = await writer.ExecuteAsync(
                    connection => MoveTaskStore.MoveBatch(connection, handle, source, catalog, batch, time.GetUtcNow().ToUnixTimeMilliseconds()),
                    _stopping.Token);
                moved += step.Moved;
                foreach (var destination in step.Destinations)
                {
                    signals.Pulse(destination);
                }

                if (step.Finished)
                {
                    QueueEngineLog.MoveTaskFinished(logger, handle, source.Name, step.Status, moved);
                    break;
                }

                if (maxPerSecond is { } perSecond)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)step.Moved / perSecond), time, _stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the task stays RUNNING and resumes on the next start.
        }
        catch (ObjectDisposedException)
        {
            // The writer closed first; same as stopping.
        }
        catch (SqliteException error)
        {
            QueueEngineLog.MoveTaskError(logger, handle, error);
        }
        finally
        {
            _running.TryRemove(handle, out _);
        }
    }
}
