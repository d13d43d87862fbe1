using System.Collections.Concurrent;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// Wakes long-polling receivers when a queue may have gained visible messages (a send, a visibility set to 0, a move).
/// A receiver takes <see cref="Current"/> before it looks at the queue, so a message committed after its look still
/// wakes it: no lost wake-ups, and no polling of the database while nothing happens.
/// </summary>
internal sealed class QueueSignals
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _signals = new();

    public Task Current(long queueId) =>
        _signals.GetOrAdd(queueId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Pulse(long queueId)
    {
        if (_signals.TryRemove(queueId, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
