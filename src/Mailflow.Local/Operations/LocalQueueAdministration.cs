using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Operations;

/// <summary>
/// Queue administration on the local queue engine, limited to Mailflow's own queues (<see cref="QueueNames.All"/> of
/// the configuration): a queue someone created through the SQS endpoint is not known here. Browsing peeks (nothing
/// changes); redrive is the engine's SQS-style message move task back to each message's source queue.
/// </summary>
public sealed class LocalQueueAdministration : IQueueAdministration
{
    private const string RedriveRunningStatus = "RUNNING";

    private readonly IQueueEngine _engine;
    private readonly QueueTopology _topology;

    public LocalQueueAdministration(MailflowConfig config, IQueueEngine engine)
    {
        ArgumentNullException.ThrowIfNull(config);
        _engine = engine;
        _topology = new QueueTopology(config);
    }

    public async Task<IReadOnlyList<QueueOverview>> ListAsync(CancellationToken cancellationToken)
    {
        var depths = new Dictionary<string, QueueStats>(StringComparer.Ordinal);
        var existing = (await _engine.ListQueuesAsync(cancellationToken).ConfigureAwait(false)).Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var queue in _topology.All.Where(q => existing.Contains(q.Name)))
        {
            depths[queue.Name] = await _engine.GetStatsAsync(queue.Name, cancellationToken).ConfigureAwait(false);
        }
        // A queue missing from the database is left out here; the dependency check of that queue reports it.
        return [.. _topology.All.Where(q => depths.ContainsKey(q.Name)).Select(q =>
        {
            var stats = depths[q.Name];
            var deadLetterDepth = q.DeadLetterQueue is { } dlq && depths.TryGetValue(dlq, out var dead) ? dead.Visible + dead.InFlight + dead.Delayed : (long?)null;
            return new QueueOverview(q.Name, q.Kind, q.App, stats.Visible, stats.InFlight, stats.Delayed, stats.OldestMessageAge?.TotalSeconds,
                q.DeadLetterQueue, deadLetterDepth);
        })];
    }

    public async Task<QueueBrowse?> BrowseAsync(string queue, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (await FindAsync(queue, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }
        var peeked = await _engine.PeekAsync(queue, max, cancellationToken).ConfigureAwait(false);
        var inFlight = peeked.Count(m => m.InFlight);
        var note = inFlight == 0
            ? null
            : $"{inFlight} of these messages are in flight: a consumer received them and has not deleted them yet, so they are not available to receive until their visibility timeout ends.";
        IReadOnlyList<BrowsedMessage> messages = [.. peeked.Select(m => new BrowsedMessage(
            m.MessageId, m.Body, m.Attributes.ToDictionary(a => a.Key, a => a.Value.StringValue, StringComparer.Ordinal), m.ReceiveCount, m.SentAt))];
        return new QueueBrowse(queue, "queue", messages, note);
    }

    public async Task<RedriveProgress> StartRedriveAsync(string deadLetterQueue, int maxMessagesPerSecond, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessagesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessagesPerSecond, RedriveRates.Max);
        var queue = await FindAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false) ?? throw NotFound(deadLetterQueue);
        if (queue.Kind != MailflowQueue.DeadLetter)
        {
            throw new QueueOperationException(QueueOperationException.NotADeadLetterQueue,
                $"'{deadLetterQueue}' is not a dead-letter queue; redrive moves messages out of a DLQ back to its source. Its DLQ is '{queue.DeadLetterQueue}'.");
        }
        await ThrowIfRedriveRunningAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false);
        string handle;
        try
        {
            // The destination is named: Mailflow dead-letters records itself (with diagnostics), not through the
            // queue's redrive policy, so its dead letters have no recorded source and a task without one fails on them.
            handle = await _engine.StartMoveTaskAsync(deadLetterQueue, QueueTopology.SourceOf(deadLetterQueue), maxMessagesPerSecond,
                cancellationToken).ConfigureAwait(false);
        }
        catch (QueueEngineException e) when (e.ErrorCode == QueueEngineException.InvalidParameterValue)
        {
            // Another redrive (this API's or the SQS endpoint's) started since the check: the engine allows one per queue.
            await ThrowIfRedriveRunningAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false);
            throw;
        }
        return await GetRedriveAsync(deadLetterQueue, handle, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The redrive task {handle} of '{deadLetterQueue}' was started but is not listed.");
    }

    private async Task ThrowIfRedriveRunningAsync(string deadLetterQueue, CancellationToken cancellationToken)
    {
        var tasks = await _engine.ListMoveTasksAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false);
        if (tasks.FirstOrDefault(t => t.Status == RedriveRunningStatus) is { } running)
        {
            throw new QueueOperationException(QueueOperationException.RedriveRunning,
                $"A redrive of '{deadLetterQueue}' is already running (task {running.TaskHandle}, {running.MessagesMoved} of {running.MessagesToMove} moved); wait for it to finish.");
        }
    }

    public async Task<RedriveProgress?> GetRedriveAsync(string deadLetterQueue, string taskId, CancellationToken cancellationToken)
    {
        if (await FindAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false) is not { Kind: MailflowQueue.DeadLetter })
        {
            return null;
        }
        // The engine lists a queue's ten latest tasks, as SQS ListMessageMoveTasks does; an older task is no longer known.
        var task = (await _engine.ListMoveTasksAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(t => string.Equals(t.TaskHandle, taskId, StringComparison.Ordinal));
        return task is null
            ? null
            : new RedriveProgress(task.TaskHandle, deadLetterQueue, task.Status, task.MessagesMoved, task.MessagesToMove,
                task.MaxMessagesPerSecond ?? RedriveRates.Max, task.StartedAt, task.FailureReason);
    }

    public async Task<long?> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        _ = await FindAsync(queue, cancellationToken).ConfigureAwait(false) ?? throw NotFound(queue);
        try
        {
            return await _engine.PurgeAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        catch (QueueEngineException e) when (e.ErrorCode == QueueEngineException.PurgeQueueInProgress)
        {
            throw new QueueOperationException(QueueOperationException.PurgeInProgress, e.Message);
        }
    }

    /// <summary>The Mailflow queue of that name when the database has it, else null.</summary>
    private async Task<MailflowQueue?> FindAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var queue = _topology.Find(name);
        return queue is not null && await _engine.GetQueueAsync(name, cancellationToken).ConfigureAwait(false) is not null ? queue : null;
    }

    private static QueueOperationException NotFound(string queue) => new(QueueOperationException.NotFound,
        $"There is no Mailflow queue named '{queue}'; the queue list names them (names are case-sensitive).");
}
