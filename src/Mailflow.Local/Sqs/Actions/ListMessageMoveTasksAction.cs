using Mailflow.Local.Queues;

namespace Mailflow.Local.Sqs.Actions;

/// <summary>ListMessageMoveTasks: a dead-letter queue's move tasks, newest first (MaxResults 1-10, default 1).</summary>
internal static class ListMessageMoveTasksAction
{
    private const int MaxResultsLimit = 10;

    internal sealed class Request
    {
        public string? SourceArn { get; set; }

        public int? MaxResults { get; set; }
    }

    internal sealed record MoveTaskEntry(
        string? TaskHandle,
        string Status,
        string SourceArn,
        string? DestinationArn,
        int? MaxNumberOfMessagesPerSecond,
        long ApproximateNumberOfMessagesMoved,
        long ApproximateNumberOfMessagesToMove,
        string? FailureReason,
        long StartedTimestamp);

    internal sealed record Response(List<MoveTaskEntry>? Results);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.ListMessageMoveTasksRequest);
        var source = SqsQueueAddresses.NameFromArn(request.SourceArn, "SourceArn");
        if (request.MaxResults is < 1 or > MaxResultsLimit)
        {
            throw SqsError.OutOfRange("MaxResults", request.MaxResults.Value, 1, MaxResultsLimit);
        }
        var tasks = await call.Engine.ListMoveTasksAsync(source, call.CancellationToken);
        var results = tasks.Take(request.MaxResults ?? 1).Select(task => ToWire(task, call.Addresses)).ToList();
        return SqsReply.Of(new Response(results.Count == 0 ? null : results), SqsJsonContext.Default.ListMessageMoveTasksResponse);
    }

    /// <summary>SQS reports the TaskHandle only while the task runs (it is what CancelMessageMoveTask takes).</summary>
    private static MoveTaskEntry ToWire(MoveTaskStatus task, SqsQueueAddresses addresses) => new(
        task.Status == "RUNNING" ? task.TaskHandle : null,
        task.Status,
        addresses.ArnOf(task.SourceQueue),
        task.DestinationQueue is { } destination ? addresses.ArnOf(destination) : null,
        task.MaxMessagesPerSecond,
        task.MessagesMoved,
        task.MessagesToMove,
        task.FailureReason,
        task.StartedAt.ToUnixTimeMilliseconds());
}
