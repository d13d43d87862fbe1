using System.Text.Json.Serialization;
using Mailflow.Local.Sqs.Actions;
using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs;

/// <summary>
/// Source-generated JSON for the SQS wire shapes (AOT: no reflection). Member names are SQS's PascalCase as declared.
/// Nulls are left out: SQS omits empty and unset members, and AWSSDK.SQS v4 then gives null collections.
/// Unknown request members are ignored, so newer SDKs' additions (ReceiveRequestAttemptId, MessageGroupId, …) pass.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(RedrivePolicy))]
[JsonSerializable(typeof(ListQueuesAction.Request), TypeInfoPropertyName = "ListQueuesRequest")]
[JsonSerializable(typeof(ListQueuesAction.Response), TypeInfoPropertyName = "ListQueuesResponse")]
[JsonSerializable(typeof(GetQueueUrlAction.Request), TypeInfoPropertyName = "GetQueueUrlRequest")]
[JsonSerializable(typeof(GetQueueUrlAction.Response), TypeInfoPropertyName = "GetQueueUrlResponse")]
[JsonSerializable(typeof(GetQueueAttributesAction.Request), TypeInfoPropertyName = "GetQueueAttributesRequest")]
[JsonSerializable(typeof(GetQueueAttributesAction.Response), TypeInfoPropertyName = "GetQueueAttributesResponse")]
[JsonSerializable(typeof(SendMessageAction.Request), TypeInfoPropertyName = "SendMessageRequest")]
[JsonSerializable(typeof(SendMessageAction.Response), TypeInfoPropertyName = "SendMessageResponse")]
[JsonSerializable(typeof(SendMessageBatchAction.Request), TypeInfoPropertyName = "SendMessageBatchRequest")]
[JsonSerializable(typeof(SendMessageBatchAction.Response), TypeInfoPropertyName = "SendMessageBatchResponse")]
[JsonSerializable(typeof(ReceiveMessageAction.Request), TypeInfoPropertyName = "ReceiveMessageRequest")]
[JsonSerializable(typeof(ReceiveMessageAction.Response), TypeInfoPropertyName = "ReceiveMessageResponse")]
[JsonSerializable(typeof(DeleteMessageAction.Request), TypeInfoPropertyName = "DeleteMessageRequest")]
[JsonSerializable(typeof(DeleteMessageBatchAction.Request), TypeInfoPropertyName = "DeleteMessageBatchRequest")]
[JsonSerializable(typeof(DeleteMessageBatchAction.Response), TypeInfoPropertyName = "DeleteMessageBatchResponse")]
[JsonSerializable(typeof(ChangeMessageVisibilityAction.Request), TypeInfoPropertyName = "ChangeMessageVisibilityRequest")]
[JsonSerializable(typeof(ChangeMessageVisibilityBatchAction.Request), TypeInfoPropertyName = "ChangeMessageVisibilityBatchRequest")]
[JsonSerializable(typeof(ChangeMessageVisibilityBatchAction.Response), TypeInfoPropertyName = "ChangeMessageVisibilityBatchResponse")]
[JsonSerializable(typeof(PurgeQueueAction.Request), TypeInfoPropertyName = "PurgeQueueRequest")]
[JsonSerializable(typeof(ListDeadLetterSourceQueuesAction.Request), TypeInfoPropertyName = "ListDeadLetterSourceQueuesRequest")]
[JsonSerializable(typeof(ListDeadLetterSourceQueuesAction.Response), TypeInfoPropertyName = "ListDeadLetterSourceQueuesResponse")]
[JsonSerializable(typeof(StartMessageMoveTaskAction.Request), TypeInfoPropertyName = "StartMessageMoveTaskRequest")]
[JsonSerializable(typeof(StartMessageMoveTaskAction.Response), TypeInfoPropertyName = "StartMessageMoveTaskResponse")]
[JsonSerializable(typeof(ListMessageMoveTasksAction.Request), TypeInfoPropertyName = "ListMessageMoveTasksRequest")]
[JsonSerializable(typeof(ListMessageMoveTasksAction.Response), TypeInfoPropertyName = "ListMessageMoveTasksResponse")]
internal sealed partial class SqsJsonContext : JsonSerializerContext;
