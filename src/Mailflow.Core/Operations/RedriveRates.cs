namespace Mailflow.Core.Operations;

/// <summary>
/// How fast a redrive may move messages: SQS StartMessageMoveTask's MaxNumberOfMessagesPerSecond accepts 1 to 500
/// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html); local mode keeps the same range.
/// </summary>
public static class RedriveRates
{
    public const int Max = 500;
}
