using Mailflow.Core.Pipeline;

namespace Mailflow.Lambda.Events.Sqs;

/// <summary>
/// The partial batch response: only the listed records return to the queue; the others are deleted
/// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting).
/// Lambda reads it only when the event source mapping has <c>ReportBatchItemFailures</c>; without it, the whole batch
/// would be retried for one bad record (LESSONS.md).
/// </summary>
public sealed class SqsBatchResponse
{
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; set; } = [];

    /// <summary>The pipeline's result as Lambda expects it. Retry delays are the caller's business (ChangeMessageVisibility first).</summary>
    public static SqsBatchResponse From(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SqsBatchResponse { BatchItemFailures = [.. result.FailedMessageIds.Select(id => new SqsBatchItemFailure(id))] };
    }
}
