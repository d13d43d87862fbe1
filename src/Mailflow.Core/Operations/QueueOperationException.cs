namespace Mailflow.Core.Operations;

/// <summary>
/// A queue operation that cannot be done as asked, with a stable code: <c>queue-not-found</c>, <c>not-a-dead-letter-queue</c>,
/// <c>redrive-running</c>, <c>purge-in-progress</c>. The API answers 404 for the first and 409 for the others.
/// </summary>
public sealed class QueueOperationException : Exception
{
    public const string NotFound = "queue-not-found";
    public const string NotADeadLetterQueue = "not-a-dead-letter-queue";
    public const string RedriveRunning = "redrive-running";
    public const string PurgeInProgress = "purge-in-progress";

    public QueueOperationException(string code, string message) : base(message) => Code = code;

    public QueueOperationException()
    {
        Code = NotFound;
    }

    public QueueOperationException(string message) : base(message) => Code = NotFound;

    public QueueOperationException(string message, Exception innerException) : base(message, innerException) => Code = NotFound;

    public string Code { get; }
}
