using Amazon.CDK;
using Amazon.CDK.AWS.SNS;

namespace Mailflow.Cdk.BuildingBlocks;

/// <param name="QueueName">The full SQS name, <c>mailflow-{env}-{part}</c>; the DLQ is the same with <c>-dlq</c>.</param>
/// <param name="MaxReceiveCount">Receives before SQS moves a message to the DLQ; at least 5.</param>
/// <param name="Retention">How long a message may wait on the queue.</param>
/// <param name="VisibilityTimeout">At least 6× the consuming function's timeout (see <c>WorkerTiming</c>).</param>
/// <param name="AlarmTopic">Where the DLQ-depth alarm notifies.</param>
/// <param name="OldestMessageAlarmAge">When set, an alarm fires once the oldest message has waited this long (a consumer that stopped).</param>
public sealed record AppQueueProps(
    string QueueName,
    int MaxReceiveCount,
    Duration Retention,
    Duration VisibilityTimeout,
    ITopic AlarmTopic,
    Duration? OldestMessageAlarmAge = null);
