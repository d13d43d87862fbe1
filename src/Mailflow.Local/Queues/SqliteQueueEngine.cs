using Mailflow.Local.Queues.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Local.Queues;

/// <summary>
/// <see cref="IQueueEngine"/> on one SQLite file (WAL, <c>synchronous=FULL</c>). Every change goes through one writer
/// thread that commits concurrent callers' operations together (group commit): a returned send is committed and fsynced.
/// Browsing (peek, counts) reads committed snapshots beside it. One engine per file: the in-process wake-ups and the
/// queue catalogue assume no other process writes the file.
/// </summary>
public sealed class SqliteQueueEngine : IQueueEngine, IAsyncDisposable, IDisposable
{
    private const int MaxBatchEntries = 10;
    private const int MaxListedMoveTasks = 10;
    private const int MaxMoveRate = 500;

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SqliteDatabase _database;
    private readonly QueueWriter _writer;
    private readonly QueueCatalog _catalog;
    private readonly QueueSignals _signals = new();
    private readonly LongPollingReceiver _receiver;
    private readonly RetentionSweeper _sweeper;
    private readonly MoveTaskRunner _moves;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    public SqliteQueueEngine(string databasePath, TimeProvider timeProvider, ILogger<SqliteQueueEngine>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger<SqliteQueueEngine>.Instance;
        _database = new SqliteDatabase(databasePath);
        var connection = _database.OpenWriter();
        _catalog = new QueueCatalog(QueueTable.ReadAll(connection));
        var running = MoveTaskStore.ReadRunning(connection);
        _writer = new QueueWriter(connection, _logger);
        _receiver = new LongPollingReceiver(_writer, _catalog, _signals, _time, _logger);
        _sweeper = new RetentionSweeper(_writer, _catalog, _time, _logger);
        _moves = new MoveTaskRunner(_writer, _catalog, _signals, _time, _logger);
        foreach (var (handle, sourceQueueId, maxPerSecond) in running)
        {
            _moves.Start(handle, _catalog.All.Single(queue => queue.Id == sourceQueueId), maxPerSecond);
        }
    }

    /// <summary>Write transactions committed (one fsync each) since this engine opened.</summary>
    public long CommitCount => _writer.Commits;

    /// <summary>
    /// Runs a write on the engine's single writer, in its next group commit. Stores that share the database file (the
    /// ledger) write through here: a second writing connection would contend for SQLite's one write lock and sleep in
    /// its busy handler.
    /// </summary>
    internal Task<T> ExecuteWriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(work, cancellationToken);

    /// <summary>Opens a read-only connection to the database (WAL readers never block the writer).</summary>
    internal SqliteConnection OpenReader() => _database.OpenReader();

    /// <summary>Operations (sends, receives, deletes, …) those commits carried; over <see cref="CommitCount"/> when group commit shares fsyncs.</summary>
    public long CommittedOperationCount => _writer.OperationsCommitted;

    public async Task EnsureQueueAsync(QueueSettings settings, CancellationToken cancellationToken)
    {
        QueueSettingsValidator.Validate(settings);
        if (settings.DeadLetterQueue is { } deadLetterQueue && _catalog.Find(deadLetterQueue) is null)
        {
            throw QueueErrors.QueueDoesNotExist(deadLetterQueue);
        }

        var id = await _writer.ExecuteAsync(connection => QueueTable.Upsert(connection, settings, NowMs()), cancellationToken);
        _catalog.Set(new QueueEntry(id, settings));
    }

    public Task<IReadOnlyList<QueueSettings>> ListQueuesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QueueSettings>>([.. _catalog.All.Select(queue => queue.Settings)]);

    public Task<QueueSettings?> GetQueueAsync(string queue, CancellationToken cancellationToken) =>
        Task.FromResult(_catalog.Find(queue)?.Settings);

    public async Task<SendResult> SendAsync(string queue, SendRequest request, CancellationToken cancellationToken) =>
        (await SendBatchAsync(queue, [request], cancellationToken))[0];

    public async Task<IReadOnlyList<SendResult>> SendBatchAsync(string queue, IReadOnlyList<SendRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var entry = _catalog.Require(queue);
        var messages = BatchRules.Prepare(requests, entry.Settings, MaxBatchEntries);
        await _writer.ExecuteAsync(connection => { MessageSender.Insert(connection, entry.Id, messages, NowMs()); return true; }, cancellationToken);
        _signals.Pulse(entry.Id);
        return [.. messages.Select(message => message.ToResult())];
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, ReceiveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = _catalog.Require(queue);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        return await _receiver.ReceiveAsync(entry, request, stop.Token);
    }

    public Task DeleteAsync(string queue, string receiptHandle, CancellationToken cancellationToken)
    {
        var entry = _catalog.Require(queue);
        return _writer.ExecuteAsync(connection => ReceiptOperations.Delete(connection, entry, receiptHandle), cancellationToken);
    }

    public async Task ChangeVisibilityAsync(string queue, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var entry = _catalog.Require(queue);
        QueueSettingsValidator.InRange("VisibilityTimeout", visibilityTimeout, TimeSpan.Zero, QueueSettingsValidator.MaxVisibilityTimeout);
        await _writer.ExecuteAsync(
            connection =>
            {
                ReceiptOperations.ChangeVisibility(connection, entry, receiptHandle, (long)visibilityTimeout.TotalMilliseconds, NowMs());
                return true;
            },
            cancellationToken);
        _signals.Pulse(entry.Id);
    }

    public Task<long> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        var entry = _catalog.Require(queue);
        return _writer.ExecuteAsync(connection => QueueTable.Purge(connection, entry, NowMs()), cancellationToken);
    }

    public Task<QueueStats> GetStatsAsync(string queue, CancellationToken cancellationToken)
    {
        var entry = _catalog.Require(queue);
        return Task.FromResult(Read(connection => MessageBrowser.Stats(connection, entry, NowMs())));
    }

    public Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queue, int max, CancellationToken cancellationToken)
    {
        var entry = _catalog.Require(queue);
        if (max < 1)
        {
            throw QueueErrors.Invalid($"Peek needs a positive number of messages; {max} was asked.");
        }

        return Task.FromResult(Read(connection => MessageBrowser.Peek(connection, entry, max, NowMs())));
    }

    public Task<IReadOnlyList<string>> ListDeadLetterSourceQueuesAsync(string deadLetterQueue, CancellationToken cancellationToken)
    {
        _catalog.Require(deadLetterQueue);
        return Task.FromResult(_catalog.SourcesOf(deadLetterQueue));
    }

    public async Task<string> StartMoveTaskAsync(string sourceDeadLetterQueue, string? destination, int? maxMessagesPerSecond, CancellationToken cancellationToken)
    {
        var source = MoveTaskRules.RequireDeadLetterQueue(_catalog, sourceDeadLetterQueue);
        MoveTaskRules.ValidateDestination(_catalog, destination, maxMessagesPerSecond, MaxMoveRate);
        var task = await _writer.ExecuteAsync(
            connection => MoveTaskStore.Start(connection, source, destination, maxMessagesPerSecond, NowMs()), cancellationToken);
        _moves.Start(task.TaskHandle, source, maxMessagesPerSecond);
        return task.TaskHandle;
    }

    public Task<IReadOnlyList<MoveTaskStatus>> ListMoveTasksAsync(string sourceDeadLetterQueue, CancellationToken cancellationToken)
    {
        var source = _catalog.Find(sourceDeadLetterQueue) ?? throw MoveTaskRules.NotFound(sourceDeadLetterQueue);
        return Task.FromResult(Read(connection => MoveTaskStore.List(connection, source, MaxListedMoveTasks)));
    }

    /// <summary>Sweeps expired messages from every queue now (the timer does this every minute).</summary>
    public Task<int> SweepExpiredAsync() => _sweeper.SweepAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _disposing.CancelAsync();
        await _moves.DisposeAsync();
        _sweeper.Dispose();
        _writer.Dispose();
        _database.ReleaseReaders();
        _disposing.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = _database.OpenReader();
        return read(connection);
    }
}
