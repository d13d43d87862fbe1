namespace Mailflow.Local.Queues.Sqlite;

/// <summary>One step of a move task: how many messages moved, into which queues, and whether the task is over.</summary>
internal sealed record MoveStep(int Moved, IReadOnlyCollection<long> Destinations, bool Finished, string Status);
