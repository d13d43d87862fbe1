using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// One caller's unit of work for <see cref="QueueWriter"/>: it runs inside the writer's shared transaction, and its caller
/// learns the outcome only after that transaction has been committed (or not).
/// </summary>
internal abstract class WriteOperation
{
    public abstract bool IsCancellationRequested { get; }

    /// <summary>Runs the work; an exception rolls back this operation alone.</summary>
    public abstract void Execute(SqliteConnection connection);

    public abstract void Fail(Exception error);

    public abstract void Cancel();

    /// <summary>Hands the caller its result or error; called once the batch's commit has succeeded.</summary>
    public abstract void Complete();
}
