using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// <see cref="IQueueAdministration"/> on SQS, over the configuration's queues only (<see cref="QueueTopology"/>).
/// Depths are SQS's approximate counts (GetQueueAttributes). The oldest message's age is always null:
/// SQS publishes <c>ApproximateAgeOfOldestMessage</c> only as a CloudWatch metric, not as a queue attribute
/// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html,
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html), and the CloudWatch
/// SDK is not served here; the inbound queue's alarm watches that metric instead.
/// Browsing reads a DLQ itself with a zero visibility timeout (<see cref="DeadLetterQueueBrowser"/>) and every other
/// queue from the ledger (<see cref="LedgerQueueBrowser"/>). Redrive is an SQS message move task.
/// </summary>
public sealed class SqsQueueAdministration : IQueueAdministration
{
    private static readonly List<string> s_depthAttributes =
        ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"];

    private readonly IAmazonSQS _sqs;
    private readonly QueueTopology _topology;
    private readonly LedgerQueueBrowser _ledgerBrowser;
    private readonly DeadLetterQueueBrowser _deadLetterBrowser;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    public SqsQueueAdministration(IAmazonSQS sqs, MailflowConfig config, IMessageLedgerReader ledger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        _sqs = sqs;
        _topology = new QueueTopology(config);
        _ledgerBrowser = new LedgerQueueBrowser(ledger);
        _deadLetterBrowser = new DeadLetterQueueBrowser(sqs);
        _time = time;
    }

    /// <exception cref="InvalidOperationException">A queue of the configuration does not exist: the stack is not deployed for this config.</exception>
    public async Task<IReadOnlyList<QueueOverview>> ListAsync(CancellationToken cancellationToken)
    {
        var queues = _topology.All;
        var depths = await Task.WhenAll(queues.Select(queue => DepthsAsync(queue.Name, cancellationToken))).ConfigureAwait(false);
        var byName = queues.Zip(depths).ToDictionary(pair => pair.First.Name, pair => pair.Second, StringComparer.Ordinal);
        return queues.Select(queue =>
        {
            var (visible, inFlight, delayed) = byName[queue.Name];
            long? deadLetterDepth = queue.DeadLetterQueue is { } dlq ? byName[dlq].Visible : null;
            return new QueueOverview(queue.Name, queue.Kind, queue.App, visible, inFlight, delayed, null, queue.DeadLetterQueue, deadLetterDepth);
        }).ToList();
    }

    public async Task<QueueBrowse?> BrowseAsync(string queue, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (_topology.Find(queue) is not { } known)
        {
            return null;
        }
        if (!known.IsDeadLetterQueue)
        {
            return await _ledgerBrowser.BrowseAsync(known, max, cancellationToken).ConfigureAwait(false);
        }
        var url = await UrlOrNullAsync(queue, cancellationToken).ConfigureAwait(false);
        return url is null ? null : await _deadLetterBrowser.BrowseAsync(queue, url, max, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RedriveProgress> StartRedriveAsync(string deadLetterQueue, int maxMessagesPerSecond, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessagesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessagesPerSecond, RedriveRates.Max);
        var arn = await DeadLetterArnAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false);
        var tasks = await MoveTasksAsync(arn, cancellationToken).ConfigureAwait(false);
        if (tasks.FirstOrDefault(task => task.Status == "RUNNING") is { } running)
        {
            throw new QueueOperationException(QueueOperationException.RedriveRunning,
                $"A redrive of {deadLetterQueue} is already running (task {TaskId(running)}); wait for it to finish or follow its progress.");
        }
        // The destination is named: Mailflow dead-letters records itself (with diagnostics attributes) instead of leaving
        // them to SQS's redrive policy, so SQS knows no source for them, and a task without DestinationArn fails on the
        // first one (API_StartMessageMoveTask: without it, messages go back "to their original source queues").
        var source = QueueTopology.SourceOf(deadLetterQueue);
        var sourceArn = await ArnAsync(source, cancellationToken).ConfigureAwait(false);
        var started = await _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest
        {
            SourceArn = arn,
            DestinationArn = sourceArn,
            MaxNumberOfMessagesPerSecond = maxMessagesPerSecond,
        }, cancellationToken).ConfigureAwait(false);
        // ListMessageMoveTasks returns the TaskHandle only while a task runs; one that finished at once (a short DLQ) is
        // known by its start time only, and is the newest of this DLQ's tasks (one runs at a time).
        var afterStart = await MoveTasksAsync(arn, cancellationToken).ConfigureAwait(false);
        var listed = afterStart.FirstOrDefault(task => task.TaskHandle == started.TaskHandle) ?? afterStart.FirstOrDefault();
        return listed is not null
            ? Progress(deadLetterQueue, listed, maxMessagesPerSecond)
            : new RedriveProgress(started.TaskHandle, deadLetterQueue, "RUNNING", 0, null, maxMessagesPerSecond, _time.GetUtcNow(), null);
    }

    /// <summary>
    /// Task ids are the task's start time in epoch milliseconds: ListMessageMoveTasks returns a TaskHandle only while the
    /// task runs (API_ListMessageMoveTasksResultEntry), and one source queue runs one task at a time, so the start time
    /// names a task for as long as SQS lists it (its 10 most recent).
    /// </summary>
    public async Task<RedriveProgress?> GetRedriveAsync(string deadLetterQueue, string taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var known = _topology.Find(deadLetterQueue);
        if (known is not { IsDeadLetterQueue: true })
        {
            return null;
        }
        string arn;
        try
        {
            arn = await DeadLetterArnAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false);
        }
        catch (QueueOperationException)
        {
            return null;
        }
        var task = (await MoveTasksAsync(arn, cancellationToken).ConfigureAwait(false)).FirstOrDefault(task => TaskId(task) == taskId || task.TaskHandle == taskId);
        return task is null ? null : Progress(deadLetterQueue, task, null);
    }

    /// <summary>PurgeQueue; SQS does not say how many messages it deleted, so the count is null.</summary>
    public async Task<long?> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        var url = _topology.Find(queue) is null ? null : await UrlOrNullAsync(queue, cancellationToken).ConfigureAwait(false);
        if (url is null)
        {
            throw NotFound(queue);
        }
        try
        {
            await _sqs.PurgeQueueAsync(new PurgeQueueRequest { QueueUrl = url }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (PurgeQueueInProgressException ex)
        {
            // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html: one purge per 60 s.
            throw new QueueOperationException(QueueOperationException.PurgeInProgress,
                $"{queue} was purged less than a minute ago and SQS is still purging it; try again in a minute. ({ex.Message})");
        }
        catch (QueueDoesNotExistException)
        {
            throw NotFound(queue);
        }
    }

    private async Task<(long Visible, long InFlight, long Delayed)> DepthsAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await UrlOrNullAsync(queue, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The queue {queue} of this configuration does not exist: deploy the stack for this mailflow.json.");
        var attributes = (await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = s_depthAttributes }, cancellationToken)
            .ConfigureAwait(false)).Attributes ?? [];
        long Read(string name) => attributes.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
        return (Read(s_depthAttributes[0]), Read(s_depthAttributes[1]), Read(s_depthAttributes[2]));
    }

    /// <exception cref="QueueOperationException">Not one of Mailflow's queues, not a DLQ, or not deployed.</exception>
    private async Task<string> DeadLetterArnAsync(string deadLetterQueue, CancellationToken cancellationToken)
    {
        var known = _topology.Find(deadLetterQueue) ?? throw NotFound(deadLetterQueue);
        if (!known.IsDeadLetterQueue)
        {
            throw new QueueOperationException(QueueOperationException.NotADeadLetterQueue,
                $"{deadLetterQueue} is not a dead-letter queue; redrive moves messages from {known.DeadLetterQueue} back to it.");
        }
        return await ArnAsync(deadLetterQueue, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> ArnAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await UrlOrNullAsync(queue, cancellationToken).ConfigureAwait(false) ?? throw NotFound(queue);
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] }, cancellationToken)
            .ConfigureAwait(false);
        return attributes.Attributes?.GetValueOrDefault("QueueArn")
            ?? throw new InvalidOperationException($"SQS returned no QueueArn for {queue}.");
    }

    private async Task<List<ListMessageMoveTasksResultEntry>> MoveTasksAsync(string sourceArn, CancellationToken cancellationToken) =>
        (await _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = sourceArn, MaxResults = 10 }, cancellationToken)
            .ConfigureAwait(false)).Results ?? [];

    private async Task<string?> UrlOrNullAsync(string name, CancellationToken cancellationToken)
    {
        if (_urls.TryGetValue(name, out var url))
        {
            return url;
        }
        try
        {
            var response = await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken).ConfigureAwait(false);
            return _urls.GetOrAdd(name, response.QueueUrl);
        }
        catch (QueueDoesNotExistException)
        {
            // Not remembered: a deploy may create it.
            return null;
        }
    }

    private static RedriveProgress Progress(string deadLetterQueue, ListMessageMoveTasksResultEntry task, int? requestedRate) => new(
        TaskId(task),
        deadLetterQueue,
        task.Status ?? "UNKNOWN",
        task.ApproximateNumberOfMessagesMoved ?? 0,
        task.ApproximateNumberOfMessagesToMove,
        task.MaxNumberOfMessagesPerSecond ?? requestedRate ?? 0,
        DateTimeOffset.FromUnixTimeMilliseconds(task.StartedTimestamp ?? 0),
        task.FailureReason);

    private static string TaskId(ListMessageMoveTasksResultEntry task) =>
        task.StartedTimestamp is { } started ? started.ToString(CultureInfo.InvariantCulture) : task.TaskHandle ?? "";

    private static QueueOperationException NotFound(string queue) =>
        new(QueueOperationException.NotFound, $"{queue} is not one of this environment's Mailflow queues (GET /api/queues lists them).");
}
