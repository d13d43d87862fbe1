using System.Collections.Frozen;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Sqs;

/// <summary>
/// An SQS error as the AWS JSON 1.0 protocol carries it: an HTTP status, a body
/// <c>{"__type":"com.amazonaws.sqs#Code","message":"…"}</c>, and the header <c>x-amzn-query-error: QueryCode;Sender</c>.
/// AWSSDK.SQS and @aws-sdk/client-sqs choose the exception class from <c>__type</c> (QueueDoesNotExistException,
/// QueueDoesNotExist); AWSSDK.SQS then reports the header's legacy query code as ErrorCode. Status and query codes
/// are the awsQueryError traits of the SQS Smithy model (ReceiptHandleIsInvalid is a 404, PurgeQueueInProgress a 403).
/// </summary>
internal sealed class SqsError(string code, string message) : Exception(message)
{
    private static readonly FrozenDictionary<string, (string QueryCode, int Status)> s_modelled =
        new Dictionary<string, (string, int)>(StringComparer.Ordinal)
        {
            ["QueueDoesNotExist"] = ("AWS.SimpleQueueService.NonExistentQueue", 400),
            ["ReceiptHandleIsInvalid"] = ("ReceiptHandleIsInvalid", 404),
            ["MessageNotInflight"] = ("AWS.SimpleQueueService.MessageNotInflight", 400),
            ["PurgeQueueInProgress"] = ("AWS.SimpleQueueService.PurgeQueueInProgress", 403),
            ["ResourceNotFoundException"] = ("ResourceNotFoundException", 404),
            ["InvalidAddress"] = ("InvalidAddress", 404),
            ["UnsupportedOperation"] = ("AWS.SimpleQueueService.UnsupportedOperation", 400),
            ["EmptyBatchRequest"] = ("AWS.SimpleQueueService.EmptyBatchRequest", 400),
            ["TooManyEntriesInBatchRequest"] = ("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
            ["BatchEntryIdsNotDistinct"] = ("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
            ["InvalidBatchEntryId"] = ("AWS.SimpleQueueService.InvalidBatchEntryId", 400),
            ["BatchRequestTooLong"] = ("AWS.SimpleQueueService.BatchRequestTooLong", 400),
            ["RequestEntityTooLarge"] = ("RequestEntityTooLarge", 413),
            ["InternalFailure"] = ("InternalFailure", 500),
            ["ServiceUnavailable"] = ("ServiceUnavailable", 503),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public string Code { get; } = code;

    public int StatusCode => s_modelled.TryGetValue(Code, out var known) ? known.Status : 400;

    /// <summary>The <c>x-amzn-query-error</c> header: legacy query code and who is at fault.</summary>
    public string QueryErrorHeader =>
        $"{(s_modelled.TryGetValue(Code, out var known) ? known.QueryCode : Code)};{(StatusCode >= 500 ? "Receiver" : "Sender")}";

    public static SqsError From(QueueEngineException exception) => new(exception.ErrorCode, exception.Message);

    public static SqsError QueueDoesNotExist(string queue) =>
        new("QueueDoesNotExist", $"The specified queue does not exist: {queue}. Local queues come from mailflow.json.");

    public static SqsError MissingParameter(string name) =>
        new("MissingParameter", $"The request must contain the parameter {name}.");

    public static SqsError InvalidParameterValue(string message) => new("InvalidParameterValue", message);

    public static SqsError OutOfRange(string parameter, long value, long min, long max) =>
        InvalidParameterValue($"Value {value} for parameter {parameter} is invalid. Reason: Must be between {min} and {max}.");
}
