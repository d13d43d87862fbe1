using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// The single writer, with group commit. Callers queue operations on a channel; one dedicated thread takes every operation
/// waiting, runs them in one transaction (each under its own savepoint, so one refusal does not undo the others), commits
/// once, which with <c>synchronous=FULL</c> is one fsync, and only then completes each caller's task. Concurrent senders
/// therefore share fsyncs, and a completed task means a durable change. Serialising writes here is also what makes receive
/// safe: two receivers can never claim the same visible message.
/// </summary>
internal sealed class QueueWriter : IDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<WriteOperation> _operations = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private long _commits;
    private long _operationsCommitted;

    public QueueWriter(SqliteConnection connection, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "mailflow-queue-writer" };
        _thread.Start();
    }

    /// <summary>Transactions committed so far (each one fsync).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Operations those transactions carried.</summary>
    public long OperationsCommitted => Interlocked.Read(ref _operationsCommitted);

    public Task<T> ExecuteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        var operation = new WriteOperation<T>(work, cancellationToken);
        if (!_operations.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteQueueEngine), "The queue engine has been disposed.");
        }

        return operation.Task;
    }

    /// <summary>Stops taking operations, finishes the ones queued, and closes the connection.</summary>
    public void Dispose()
    {
        _operations.Writer.TryComplete();
        _thread.Join();
        _connection.Dispose();
    }

    private void Run()
    {
        var batch = new List<WriteOperation>(MaxBatch);
        var reader = _operations.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var operation))
            {
                if (operation.IsCancellationRequested)
                {
                    operation.Cancel();
                }
                else
                {
                    batch.Add(operation);
                }
            }

            if (batch.Count > 0)
            {
                CommitBatch(batch);
                batch.Clear();
            }
        }
    }

    private void CommitBatch(List<WriteOperation> batch)
    {
        try
        {
            _connection.Execute("BEGIN IMMEDIATE");
            foreach (var operation in batch)
            {
                RunUnderSavepoint(operation);
            }

            _connection.Execute("COMMIT");
        }
        catch (Exception error)
        {
            // The commit (or BEGIN) failed: nothing in this batch is durable, so every caller hears about it.
            QueueEngineLog.CommitFailed(_logger, batch.Count, error);
            TryRollback();
            foreach (var operation in batch)
            {
                operation.Fail(error);
            }

            return;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _operationsCommitted, batch.Count);
        foreach (var operation in batch)
        {
            operation.Complete();
        }
    }

    private void RunUnderSavepoint(WriteOperation operation)
    {
        _connection.Execute("SAVEPOINT operation");
        try
        {
            operation.Execute(_connection);
            _connection.Execute("RELEASE operation");
        }
        catch (Exception) when (_connection.State == System.Data.ConnectionState.Open)
        {
            // The operation refused (its error is kept for its caller); undo its partial writes only.
            _connection.Execute("ROLLBACK TO operation");
            _connection.Execute("RELEASE operation");
        }
    }

    private void TryRollback()
    {
        try
        {
            _connection.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open (BEGIN failed) or SQLite already rolled it back.
        }
    }
}
