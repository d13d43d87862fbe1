namespace Mailflow.Local.Queues.Sqlite;

/// <summary>A queue as the engine knows it: its row id and its settings.</summary>
internal sealed record QueueEntry(long Id, QueueSettings Settings)
{
    public string Name => Settings.Name;
}
