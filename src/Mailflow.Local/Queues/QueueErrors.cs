namespace Mailflow.Local.Queues;

/// <summary>The engine's refusals, each saying what happened and what to do about it.</summary>
internal static class QueueErrors
{
    public static QueueEngineException QueueDoesNotExist(string queue) => new(
        QueueEngineException.QueueDoesNotExist,
        $"The queue '{queue}' does not exist. Check the name (queue names are case-sensitive) or create the queue first.");

    public static QueueEngineException Invalid(string message) => new(QueueEngineException.InvalidParameterValue, message);

    public static QueueEngineException OutOfRange(string parameter, TimeSpan value, TimeSpan min, TimeSpan max) => Invalid(
        $"{parameter} is {value.TotalSeconds:0.###} s; it must be between {min.TotalSeconds:0} and {max.TotalSeconds:0} seconds.");

    public static QueueEngineException InvalidHandle(string why) => new(
        QueueEngineException.ReceiptHandleIsInvalid,
        $"The receipt handle is not valid: {why}. Use the handle from the most recent receive of this message on this queue.");
}
