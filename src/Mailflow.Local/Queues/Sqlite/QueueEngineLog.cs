using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>The SQLite queue engine's log events ([LoggerMessage]: structured, AOT-safe). No message bodies or attributes.</summary>
internal static partial class QueueEngineLog
{
    [LoggerMessage(3100, LogLevel.Error, "Queue commit of {Operations} operations failed; their callers were told")]
    public static partial void CommitFailed(ILogger logger, int operations, Exception error);

    [LoggerMessage(3101, LogLevel.Information, "Moved {Count} messages from {Queue} to its dead-letter queue {DeadLetterQueue}")]
    public static partial void DeadLettered(ILogger logger, int count, string queue, string deadLetterQueue);

    [LoggerMessage(3102, LogLevel.Information, "Dropped {Count} messages past their retention period")]
    public static partial void Expired(ILogger logger, int count);

    [LoggerMessage(3103, LogLevel.Warning, "Retention sweep failed; the next sweep and every receive retry it")]
    public static partial void SweepFailed(ILogger logger, Exception error);

    [LoggerMessage(3104, LogLevel.Information, "Move task {TaskHandle} from {Queue} finished {Status} after {Moved} messages")]
    public static partial void MoveTaskFinished(ILogger logger, string taskHandle, string queue, string status, long moved);

    [LoggerMessage(3105, LogLevel.Error, "Move task {TaskHandle} stopped on an error; it resumes when the engine restarts")]
    public static partial void MoveTaskError(ILogger logger, string taskHandle, Exception error);
}
