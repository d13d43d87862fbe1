namespace Mailflow.Local.Queues;

/// <summary>A queue operation refused, named as SQS names the error (QueueDoesNotExist, ReceiptHandleIsInvalid, …).</summary>
public sealed class QueueEngineException(string errorCode, string message) : Exception(message)
{
    public const string QueueDoesNotExist = "QueueDoesNotExist";
    public const string ReceiptHandleIsInvalid = "ReceiptHandleIsInvalid";
    public const string InvalidParameterValue = "InvalidParameterValue";
    public const string MessageTooLong = "InvalidParameterValue";
    public const string InvalidMessageContents = "InvalidMessageContents";
    public const string MessageNotInflight = "MessageNotInflight";
    public const string PurgeQueueInProgress = "PurgeQueueInProgress";
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string EmptyBatchRequest = "EmptyBatchRequest";
    public const string TooManyEntriesInBatchRequest = "TooManyEntriesInBatchRequest";
    public const string BatchRequestTooLong = "BatchRequestTooLong";
    public const string UnsupportedOperation = "UnsupportedOperation";

    public string ErrorCode { get; } = errorCode;
}
