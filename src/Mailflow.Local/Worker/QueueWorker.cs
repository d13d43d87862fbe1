using Mailflow.Core.Pipeline;
using Mailflow.Local.Inbound;
using Mailflow.Local.Queues;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Worker;

/// <summary>
/// Consumes one queue (inbound or outbound) as the Lambda SQS event source mapping would: long-polled batches of up to 10,
/// handed to the batch processor; the records it reports done are deleted, the failed ones become visible again
/// after a growing delay and are redelivered (the processor dead-letters them on their last allowed receive).
/// Several loops run side by side, like concurrent Lambda invocations.
/// </summary>
public sealed class QueueWorker(
    IQueueEngine queues,
    QueueBatchProcessor processor,
    InboundFlowControl? flow,
    ILogger<QueueWorker> logger)
{
    public const int BatchSize = 10;
    private readonly string _queue = processor.SourceQueue;
    private static readonly TimeSpan s_longPoll = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_backoff = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When a failed message becomes visible again, unless the processor said exactly when (a rate limit's wait): 1, 2, 4, 8… seconds, at most a minute. Sooner than the queue's
    /// visibility timeout, which exists to cover a crashed consumer, not a failed attempt.
    /// </summary>
    public static TimeSpan RetryDelay(int receiveCount) => TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Clamp(receiveCount - 1, 0, 6)));

    public Task RunAsync(int concurrency, CancellationToken stopping) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => LoopAsync(stopping), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The queue itself failed (disk full, say): nothing was deleted, so nothing is lost; wait and poll again.
                LocalLog.WorkerPollFailed(logger, _queue, ex);
                await Task.Delay(s_backoff, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Receives one batch, processes it and deletes what is done. Returns how many messages were received.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var messages = await queues.ReceiveAsync(_queue, new ReceiveRequest(BatchSize, WaitTime: s_longPoll), cancellationToken).ConfigureAwait(false);
        if (messages.Count == 0)
        {
            return 0;
        }
        var records = messages.Select(m => new QueueRecord(m.MessageId, m.Body, m.ReceiveCount, m.SentAt)).ToList();
        // Processing is not cancelled mid-batch on shutdown: a mail half-published would only be redelivered, but finishing is cheaper.
        var result = await processor.ProcessAsync(records, CancellationToken.None).ConfigureAwait(false);
        var failed = result.FailedMessageIds.ToHashSet(StringComparer.Ordinal);
        // Issued together, the deletes and delays share one commit of the queue engine.
        await Task.WhenAll(messages.Select(message => failed.Contains(message.MessageId)
            ? queues.ChangeVisibilityAsync(_queue, message.ReceiptHandle, DelayOf(result, message), CancellationToken.None)
            : queues.DeleteAsync(_queue, message.ReceiptHandle, CancellationToken.None))).ConfigureAwait(false);
        flow?.Routed(messages.Count - failed.Count);
        return messages.Count;
    }

    private static TimeSpan DelayOf(BatchResult result, ReceivedMessage message) =>
        result.RetryDelays.TryGetValue(message.MessageId, out var delay) ? delay : RetryDelay(message.ReceiveCount);
}
