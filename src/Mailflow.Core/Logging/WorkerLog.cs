using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Logging;

/// <summary>Log events of the queue consumers. Exception messages name keys and types, never mail content.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(2000, LogLevel.Warning, "Message {MessageId} failed on receive {ReceiveCount} of {MaxReceiveCount} ({ErrorType}); it will be retried")]
    public static partial void WillRetry(ILogger logger, string messageId, int receiveCount, int maxReceiveCount, string errorType, Exception exception);

    [LoggerMessage(2001, LogLevel.Error, "Message {MessageId} moved to {DeadLetterQueue} ({FailureClass}, {ErrorType})")]
    public static partial void DeadLettered(ILogger logger, string messageId, string deadLetterQueue, string failureClass, string errorType);

    [LoggerMessage(2002, LogLevel.Error, "Message {MessageId} could not be moved to {DeadLetterQueue} ({ErrorType}); it will be retried")]
    public static partial void DeadLetterFailed(ILogger logger, string messageId, string deadLetterQueue, string errorType, Exception exception);

    [LoggerMessage(2003, LogLevel.Error, "Message {MessageId} is dead-lettered, but undoing what it held failed ({ErrorType})")]
    public static partial void DeadLetterCleanupFailed(ILogger logger, string messageId, string errorType, Exception exception);
}
