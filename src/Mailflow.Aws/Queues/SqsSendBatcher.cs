using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Mailflow.Aws.Queues;

/// <summary>
/// Coalesces sends to one queue into SendMessageBatch calls: a batch is sent when it holds
/// <see cref="SqsQueueClient.MaxBatchEntries"/> entries or <see cref="SqsQueueClient.MaxPayloadBytes"/> bytes, when the
/// next message would not fit, or when <see cref="SqsQueueClient.BatchWindow"/> has passed since it was opened.
/// A batch succeeds or fails per entry (API_SendMessageBatch: "check for batch errors even when the call returns an
/// HTTP status code of 200"), so each caller's task carries its own entry's result.
/// </summary>
internal sealed class SqsSendBatcher(IAmazonSQS sqs, string queueUrl, TimeProvider time)
{
    private readonly Lock _gate = new();
    private List<PendingSend>? _open;
    private int _openBytes;
    private ITimer? _window;

    public Task SendAsync(SendMessageBatchRequestEntry entry, int size)
    {
        var send = new PendingSend(entry, size);
        List<PendingSend>? displaced = null;
        List<PendingSend>? full = null;
        lock (_gate)
        {
            if (_open is not null && _openBytes + size > SqsQueueClient.MaxPayloadBytes)
            {
                displaced = TakeOpen();
            }
            if (_open is null)
            {
                _open = [];
                _openBytes = 0;
                _window = time.CreateTimer(OnWindowClosed, _open, SqsQueueClient.BatchWindow, Timeout.InfiniteTimeSpan);
            }
            _open.Add(send);
            _openBytes += size;
            if (_open.Count == SqsQueueClient.MaxBatchEntries || _openBytes == SqsQueueClient.MaxPayloadBytes)
            {
                full = TakeOpen();
            }
        }
        Flush(displaced);
        Flush(full);
        return send.Completion.Task;
    }

    /// <summary>The window of the batch <paramref name="state"/> closed: send it, unless it was sent already because it filled up.</summary>
    private void OnWindowClosed(object? state)
    {
        List<PendingSend>? batch = null;
        lock (_gate)
        {
            if (ReferenceEquals(_open, state))
            {
                batch = TakeOpen();
            }
        }
        Flush(batch);
    }

    private List<PendingSend> TakeOpen()
    {
        var batch = _open!;
        _open = null;
        _window?.Dispose();
        _window = null;
        return batch;
    }

    private void Flush(List<PendingSend>? batch)
    {
        if (batch is not null)
        {
            _ = SendBatchAsync(batch);
        }
    }

    /// <summary>
    /// Sends one batch and settles every caller's task; never throws. Not cancellable: the batch belongs to several
    /// callers, and the SDK's own timeouts bound it.
    /// </summary>
    private async Task SendBatchAsync(List<PendingSend> batch)
    {
        var entries = new List<SendMessageBatchRequestEntry>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Entry.Id = i.ToString(CultureInfo.InvariantCulture);
            entries.Add(batch[i].Entry);
        }
        SendMessageBatchResponse response;
        try
        {
            response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = queueUrl, Entries = entries }, CancellationToken.None)
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the request failed with is every caller's failure: it is handed to them, not swallowed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var send in batch)
            {
                send.Completion.TrySetException(ex);
            }
            return;
        }
        // AWSSDK v4 gives null, not empty, for a list the response leaves out (DESIGN.md §4).
        var failed = (response.Failed ?? []).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var succeeded = (response.Successful ?? []).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var send in batch)
        {
            if (failed.TryGetValue(send.Entry.Id, out var failure))
            {
                send.Completion.TrySetException(SqsEntryFailure.ToException(failure, queueUrl));
            }
            else if (succeeded.Contains(send.Entry.Id))
            {
                send.Completion.TrySetResult();
            }
            else
            {
                send.Completion.TrySetException(new AmazonSQSException(
                    $"SendMessageBatch to {queueUrl} reported neither success nor failure for entry {send.Entry.Id}; it may or may not have been sent."));
            }
        }
    }
}
