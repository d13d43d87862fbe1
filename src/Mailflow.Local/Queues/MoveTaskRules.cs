using Mailflow.Local.Queues.Sqlite;

namespace Mailflow.Local.Queues;

/// <summary>
/// StartMessageMoveTask's preconditions, with SQS's errors: the source must exist (ResourceNotFoundException) and be some
/// queue's dead-letter queue (InvalidParameterValue); a named destination must exist; the rate is 1-500 messages/s.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
/// </summary>
internal static class MoveTaskRules
{
    public static QueueEngineException NotFound(string queue) => new(
        QueueEngineException.ResourceNotFound, $"The queue '{queue}' does not exist. Check the name (it is case-sensitive).");

    public static QueueEntry RequireDeadLetterQueue(QueueCatalog catalog, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var source = catalog.Find(name) ?? throw NotFound(name);
        if (catalog.SourcesOf(name).Count == 0)
        {
            throw QueueErrors.Invalid(
                $"'{name}' is not the dead-letter queue of any queue; move tasks only move messages out of dead-letter queues.");
        }

        return source;
    }

    public static void ValidateDestination(QueueCatalog catalog, string? destination, int? maxPerSecond, int maxRate)
    {
        if (destination is not null && catalog.Find(destination) is null)
        {
            throw NotFound(destination);
        }

        if (maxPerSecond is { } rate && (rate < 1 || rate > maxRate))
        {
            throw QueueErrors.Invalid($"MaxNumberOfMessagesPerSecond is {rate}; it must be between 1 and {maxRate}, or left out for no limit.");
        }
    }
}
