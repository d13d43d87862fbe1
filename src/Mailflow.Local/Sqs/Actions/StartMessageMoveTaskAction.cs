namespace Mailflow.Local.Sqs.Actions;

/// <summary>
/// StartMessageMoveTask: moves a dead-letter queue's messages to DestinationArn or, without one, back to the queues
/// they were dead-lettered from (the "DLQ redrive" of the SQS console).
/// </summary>
internal static class StartMessageMoveTaskAction
{
    private const int MaxMessagesPerSecondLimit = 500;

    internal sealed class Request
    {
        public string? SourceArn { get; set; }

        public string? DestinationArn { get; set; }

        public int? MaxNumberOfMessagesPerSecond { get; set; }
    }

    internal sealed record Response(string TaskHandle);

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.StartMessageMoveTaskRequest);
        var source = SqsQueueAddresses.NameFromArn(request.SourceArn, "SourceArn");
        var destination = request.DestinationArn is null ? null : SqsQueueAddresses.NameFromArn(request.DestinationArn, "DestinationArn");
        if (request.MaxNumberOfMessagesPerSecond is < 1 or > MaxMessagesPerSecondLimit)
        {
            throw SqsError.OutOfRange("MaxNumberOfMessagesPerSecond", request.MaxNumberOfMessagesPerSecond.Value, 1, MaxMessagesPerSecondLimit);
        }
        var handle = await call.Engine.StartMoveTaskAsync(source, destination, request.MaxNumberOfMessagesPerSecond, call.CancellationToken);
        return SqsReply.Of(new Response(handle), SqsJsonContext.Default.StartMessageMoveTaskResponse);
    }
}
