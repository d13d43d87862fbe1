using Amazon.SQS.Model;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>
/// Where a target observably differs from SQS in the scenario suite. Each flag says what SQS does instead (SQS API
/// Reference and Developer Guide); the fauxqs ones were found by running the suite against fauxqs 2.4.1. Mailflow's
/// should be none: a flag set for it is a known gap to close, not a feature.
/// </summary>
public sealed record SqsQuirks
{
    /// <summary>Mailflow's endpoint over SqliteQueueEngine.</summary>
    public static SqsQuirks Mailflow { get; } = new()
    {
        // SqliteQueueEngine's move task (Sqlite/MoveTaskStore.cs) moves the row and keeps its message id; reported to the
        // queue engine's owner. Remove this line when the engine assigns new ids.
        KeepsMessageIdWhenRedriven = true,
    };

    public static SqsQuirks Fauxqs { get; } = new()
    {
        ReturnsMessageAttributesUnasked = true,
        DigestsUnreturnedMessageAttributes = true,
        LacksDeadLetterRedriveActions = true,
        LacksDeadLetterQueueSourceArn = true,
        DeletesWithAnInvalidReceiptHandle = true,
        InvalidReceiptHandleOnChangeVisibility = typeof(MessageNotInflightException),
        RejectsCharactersBeyondTheBasicPlane = true,
        SendsEmptyFailedLists = true,
    };

    /// <summary>
    /// ReceiveMessage without MessageAttributeNames returns every message attribute. SQS returns message attributes
    /// only when MessageAttributeNames asks for them.
    /// </summary>
    public bool ReturnsMessageAttributesUnasked { get; init; }

    /// <summary>
    /// When MessageAttributeNames selects some attributes, MD5OfMessageAttributes still digests all of them, so
    /// AWSSDK.SQS (which digests the attributes it received) throws "Attribute MD5 hash mismatch". SQS digests the
    /// attributes it returns.
    /// </summary>
    public bool DigestsUnreturnedMessageAttributes { get; init; }

    /// <summary>
    /// ListDeadLetterSourceQueues, StartMessageMoveTask and ListMessageMoveTasks are not implemented (400 InvalidAction).
    /// SQS serves them (dead-letter queue redrive).
    /// </summary>
    public bool LacksDeadLetterRedriveActions { get; init; }

    /// <summary>A dead-lettered message has no DeadLetterQueueSourceArn system attribute; SQS sets it to the source queue's ARN.</summary>
    public bool LacksDeadLetterQueueSourceArn { get; init; }

    /// <summary>DeleteMessage with a receipt handle that was never issued succeeds; SQS answers ReceiptHandleIsInvalid.</summary>
    public bool DeletesWithAnInvalidReceiptHandle { get; init; }

    /// <summary>What ChangeMessageVisibility with a receipt handle that was never issued throws; SQS: ReceiptHandleIsInvalid.</summary>
    public Type InvalidReceiptHandleOnChangeVisibility { get; init; } = typeof(ReceiptHandleIsInvalidException);

    /// <summary>
    /// Characters from #x10000 to #x10FFFF (emoji, mathematical letters) are refused as InvalidMessageContents: its check
    /// looks at UTF-16 code units, so it takes a surrogate pair for invalid characters. SQS accepts them.
    /// </summary>
    public bool RejectsCharactersBeyondTheBasicPlane { get; init; }

    /// <summary>
    /// A batch answer with no failures carries <c>"Failed": []</c>, so AWSSDK.SQS v4 gives an empty list. SQS leaves the
    /// member out and the SDK gives null (aws/aws-sdk#657, MassTransit#6028).
    /// </summary>
    public bool SendsEmptyFailedLists { get; init; }

    /// <summary>
    /// A message moved back by StartMessageMoveTask keeps its MessageId. SQS: "All redriven messages are considered new
    /// messages with a new messageID and enqueueTime" (Developer Guide, configuring a dead-letter queue redrive).
    /// </summary>
    public bool KeepsMessageIdWhenRedriven { get; init; }
}
