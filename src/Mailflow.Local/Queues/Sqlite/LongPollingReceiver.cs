using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// ReceiveMessage with long polling (SQS WaitTimeSeconds): an attempt on the writer thread, then, if it found nothing,
/// a sleep until the queue is signalled, the next hidden message becomes visible (delay or visibility timeout ending) or
/// the wait time is up, whichever comes first; no polling of the database in between. At the deadline the receive makes
/// one last attempt. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
/// </summary>
internal sealed class LongPollingReceiver(QueueWriter writer, QueueCatalog catalog, QueueSignals signals, TimeProvider time, ILogger logger)
{
    public const int MaxMessages = 10;

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueEntry queue, ReceiveRequest request, CancellationToken cancellationToken)
    {
        if (request.MaxMessages is < 1 or > MaxMessages)
        {
            throw QueueErrors.Invalid($"MaxNumberOfMessages is {request.MaxMessages}; it must be between 1 and {MaxMessages}.");
        }

        var visibility = request.VisibilityTimeout ?? queue.Settings.VisibilityTimeout;
        QueueSettingsValidator.InRange("VisibilityTimeout", visibility, TimeSpan.Zero, QueueSettingsValidator.MaxVisibilityTimeout);
        var wait = request.WaitTime ?? queue.Settings.ReceiveWaitTime;
        QueueSettingsValidator.InRange("WaitTimeSeconds", wait, TimeSpan.Zero, QueueSettingsValidator.MaxWaitTime);
        var deadLetterQueue = queue.Settings.DeadLetterQueue is { } name ? catalog.Require(name) : null;
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            // Taken before the attempt, so a message committed while the attempt runs still wakes the wait below.
            var wake = signals.Current(queue.Id);
            var outcome = await writer.ExecuteAsync(
                connection => MessageReceiver.Receive(
                    connection, queue, deadLetterQueue, request.MaxMessages, (long)visibility.TotalMilliseconds,
                    time.GetUtcNow().ToUnixTimeMilliseconds()),
                cancellationToken);
            if (outcome.DeadLettered > 0)
            {
                QueueEngineLog.DeadLettered(logger, outcome.DeadLettered, queue.Name, deadLetterQueue!.Name);
                signals.Pulse(deadLetterQueue.Id);
            }

            if (outcome.Messages.Count > 0 || !await WaitAsync(wake, deadline, outcome.NextVisibleAt, cancellationToken))
            {
                return outcome.Messages;
            }
        }
    }

    /// <summary>Waits for a reason to try again; false when the wait time is over.</summary>
    private async Task<bool> WaitAsync(Task wake, DateTimeOffset deadline, long? nextVisibleAtMs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sleep = deadline - now;
        if (sleep <= TimeSpan.Zero)
        {
            return false;
        }

        if (nextVisibleAtMs is { } next && DateTimeOffset.FromUnixTimeMilliseconds(next) - now < sleep)
        {
            sleep = DateTimeOffset.FromUnixTimeMilliseconds(next) - now;
        }

        if (sleep <= TimeSpan.Zero)
        {
            return true;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(wake, Task.Delay(sleep, time, timer.Token));
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }
}
