namespace Mailflow.Local.Queues.Sqlite;

/// <summary>
/// The waiting half of a long-polling receive (SQS WaitTimeSeconds): between attempts it sleeps until the queue is
/// signalled, the next hidden message becomes visible (delay or visibility timeout ending), or the wait time is up,
/// whichever comes first. No polling of the database in between. After the deadline the receive makes one last attempt.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
/// </summary>
internal sealed class LongPoller(TimeProvider time, QueueSignals signals, long queueId, DateTimeOffset deadline)
{
    /// <summary>Takes the queue's current signal; call before each attempt so a message sent during it still wakes us.</summary>
    public Task Arm() => signals.Current(queueId);

    /// <summary>Waits for a reason to try again; false when the wait time is over and the receive should return empty.</summary>
    public async Task<bool> WaitAsync(Task wake, long? nextVisibleAtMs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sleep = deadline - now;
        if (sleep <= TimeSpan.Zero)
        {
            return false;
        }

        if (nextVisibleAtMs is { } next)
        {
            var untilVisible = DateTimeOffset.FromUnixTimeMilliseconds(next) - now;
            sleep = untilVisible < sleep ? untilVisible : sleep;
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
