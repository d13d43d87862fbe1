using System.Collections.Concurrent;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// Every queue's settings, in memory: loaded once at start, updated after each committed EnsureQueue. Queues are never
/// deleted, so an entry read here stays valid for the operation that read it.
/// </summary>
internal sealed class QueueCatalog
{
    private readonly ConcurrentDictionary<string, QueueEntry> _queues = new(StringComparer.Ordinal);

    public QueueCatalog(IEnumerable<QueueEntry> queues)
    {
        foreach (var queue in queues)
        {
            Set(queue);
        }
    }

    public IReadOnlyList<QueueEntry> All => [.. _queues.Values.OrderBy(queue => queue.Name, StringComparer.Ordinal)];

    public QueueEntry? Find(string name) => _queues.GetValueOrDefault(name);

    public QueueEntry Require(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(name) ?? throw QueueErrors.QueueDoesNotExist(name);
    }

    public void Set(QueueEntry queue) => _queues[queue.Name] = queue;

    /// <summary>The queues whose redrive policy names <paramref name="deadLetterQueue"/>.</summary>
    public IReadOnlyList<string> SourcesOf(string deadLetterQueue) =>
        [.. All.Where(queue => queue.Settings.DeadLetterQueue == deadLetterQueue).Select(queue => queue.Name)];
}
