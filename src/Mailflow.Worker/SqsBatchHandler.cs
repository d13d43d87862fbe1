using System.Text.Json;
using Mailflow.Aws.Queues;
using Mailflow.Core.Pipeline;
using Mailflow.Lambda;
using Mailflow.Lambda.Events.Sns;
using Mailflow.Lambda.Events.Sqs;
using Mailflow.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace Mailflow.Worker;

/// <summary>
/// One invocation of the SQS event source: the records go to the processor of the queue they came from (inbound or
/// outbound, by <c>eventSourceARN</c>) and the ones to retry come back as <c>batchItemFailures</c>, which SQS redelivers
/// only because the event source mapping enables ReportBatchItemFailures
/// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html). A record that must wait a given time
/// (a rate limit) gets that visibility first, then is reported failed.
/// </summary>
/// <param name="snsFedQueue">The queue SES notifications reach through SNS (the inbound queue): only its bodies are unwrapped.</param>
public sealed partial class SqsBatchHandler(
    IReadOnlyDictionary<string, QueueBatchProcessor> processors,
    string snsFedQueue,
    SqsQueueClient queues,
    ILogger<SqsBatchHandler> logger) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var sqsEvent = JsonSerializer.Deserialize(invocation.Body, LambdaJsonContext.Default.SqsEvent)
            ?? throw new InvalidOperationException("The invocation payload is JSON null, not an SQS event.");
        var failures = new List<SqsBatchItemFailure>();
        foreach (var group in (sqsEvent.Records ?? []).GroupBy(record => record.QueueName, StringComparer.Ordinal))
        {
            var records = group.ToList();
            if (!processors.TryGetValue(group.Key, out var processor))
            {
                // Not ours to judge: fail them so that the queue's own redrive keeps them, and say so.
                UnknownQueue(logger, group.Key, records.Count);
                failures.AddRange(records.Select(r => new SqsBatchItemFailure(r.MessageId)));
                continue;
            }
            // SES notifications reach the inbound queue through SNS: the body is the notification itself with raw message
            // delivery, or an SNS envelope around it without; both are accepted.
            var unwrap = string.Equals(group.Key, snsFedQueue, StringComparison.Ordinal);
            var result = await processor.ProcessAsync(
                [.. records.Select(r => r.ToQueueRecord() with { Body = unwrap ? SnsEnvelope.Unwrap(r.Body) : r.Body })],
                cancellationToken).ConfigureAwait(false);
            if (result.RetryDelays.Count > 0)
            {
                await DelayAsync(group.Key, records, result, cancellationToken).ConfigureAwait(false);
            }
            failures.AddRange(result.FailedMessageIds.Select(id => new SqsBatchItemFailure(id)));
        }
        return JsonSerializer.SerializeToUtf8Bytes(new SqsBatchResponse { BatchItemFailures = failures }, LambdaJsonContext.Default.SqsBatchResponse);
    }

    /// <summary>Sets the visibility the processor asked for; if that fails, the queue's own visibility timeout applies instead.</summary>
    private async Task DelayAsync(string queue, IReadOnlyList<SqsEventRecord> records, BatchResult result, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            if (!result.RetryDelays.TryGetValue(record.MessageId, out var delay))
            {
                continue;
            }
            try
            {
                var url = await queues.QueueUrlAsync(queue, cancellationToken).ConfigureAwait(false);
                await queues.ChangeVisibilityAsync(url, record.ReceiptHandle, delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DelayFailed(logger, record.MessageId, ex.GetType().Name, ex);
            }
        }
    }

    [LoggerMessage(4000, LogLevel.Error, "{Count} record(s) from queue {Queue}, which this worker does not consume; reported as failures so that its redrive keeps them")]
    private static partial void UnknownQueue(ILogger logger, string queue, int count);

    [LoggerMessage(4001, LogLevel.Warning, "Could not delay message {MessageId} ({ErrorType}); it comes back after the queue's visibility timeout")]
    private static partial void DelayFailed(ILogger logger, string messageId, string errorType, Exception exception);
}
