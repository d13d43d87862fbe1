using System.Collections.Frozen;
using Mailflow.Local.Sqs.Actions;

namespace Mailflow.Local.Sqs;

/// <summary>The actions the endpoint serves, by the name in <c>X-Amz-Target: AmazonSQS.{Action}</c>.</summary>
internal static class SqsActions
{
    public static FrozenDictionary<string, SqsAction> ByName { get; } = new Dictionary<string, SqsAction>(StringComparer.Ordinal)
    {
        ["ListQueues"] = ListQueuesAction.HandleAsync,
        ["GetQueueUrl"] = GetQueueUrlAction.HandleAsync,
        ["GetQueueAttributes"] = GetQueueAttributesAction.HandleAsync,
        ["SendMessage"] = SendMessageAction.HandleAsync,
        ["SendMessageBatch"] = SendMessageBatchAction.HandleAsync,
        ["ReceiveMessage"] = ReceiveMessageAction.HandleAsync,
        ["DeleteMessage"] = DeleteMessageAction.HandleAsync,
        ["DeleteMessageBatch"] = DeleteMessageBatchAction.HandleAsync,
        ["ChangeMessageVisibility"] = ChangeMessageVisibilityAction.HandleAsync,
        ["ChangeMessageVisibilityBatch"] = ChangeMessageVisibilityBatchAction.HandleAsync,
        ["PurgeQueue"] = PurgeQueueAction.HandleAsync,
        ["ListDeadLetterSourceQueues"] = ListDeadLetterSourceQueuesAction.HandleAsync,
        ["StartMessageMoveTask"] = StartMessageMoveTaskAction.HandleAsync,
        ["ListMessageMoveTasks"] = ListMessageMoveTasksAction.HandleAsync,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
