using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Mailflow.Cdk.Configuration;

namespace Mailflow.Cdk.BuildingBlocks;

/// <summary>
/// A Mailflow queue: the queue, its own DLQ (LESSONS.md: one DLQ per queue, never a shared one), SQS-managed
/// encryption, TLS-only access, and an alarm as soon as anything lands in the DLQ.
/// </summary>
public sealed class AppQueue : Construct
{
    /// <summary>
    /// A DLQ keeps messages for the SQS maximum: a standard queue's message keeps its original enqueue time when
    /// redriven, so the DLQ must retain longer than its source or dead letters expire unseen
    /// (<see href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html">dead-letter queues</see>).
    /// </summary>
    public static readonly Duration DeadLetterRetention = Duration.Days(14);

    public Queue Queue { get; }
    public Queue DeadLetterQueue { get; }
    public Alarm DeadLetterAlarm { get; }

    /// <summary>The alarm on the age of the oldest message, when <see cref="AppQueueProps.OldestMessageAlarmAge"/> was set.</summary>
    public Alarm? OldestMessageAlarm { get; }

    /// <exception cref="ArgumentException">The name is not one SQS accepts, or <c>MaxReceiveCount</c> is below 5.</exception>
    public AppQueue(Construct scope, string id, AppQueueProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (QueueNaming.QueueNameProblem(props.QueueName) is { } problem)
        {
            throw new ArgumentException($"{scope.Node.Path}/{id}: {problem}", nameof(props));
        }
        if (props.MaxReceiveCount < QueueSettings.MinimumMaxReceiveCount)
        {
            throw new ArgumentException($"{props.QueueName}: maxReceiveCount {props.MaxReceiveCount} is below {QueueSettings.MinimumMaxReceiveCount}.", nameof(props));
        }
        DeadLetterQueue = new Queue(this, "Dlq", new QueueProps
        {
            QueueName = QueueNaming.DeadLetterOf(props.QueueName),
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = DeadLetterRetention,
        });
        Queue = new Queue(this, "Queue", new QueueProps
        {
            QueueName = props.QueueName,
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = props.Retention,
            VisibilityTimeout = props.VisibilityTimeout,
            DeadLetterQueue = new DeadLetterQueue { Queue = DeadLetterQueue, MaxReceiveCount = props.MaxReceiveCount },
        });
        DeadLetterAlarm = new Alarm(this, "DlqNotEmpty", new AlarmProps
        {
            AlarmDescription = $"{QueueNaming.DeadLetterOf(props.QueueName)} holds dead letters: read their diagnostics attributes, fix the cause, then replay them.",
            Metric = DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Maximum" }),
            Threshold = 0,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        Notify(DeadLetterAlarm, props.AlarmTopic);
        if (props.OldestMessageAlarmAge is { } age)
        {
            OldestMessageAlarm = new Alarm(this, "OldestMessageAge", new AlarmProps
            {
                AlarmDescription = $"A message has waited on {props.QueueName} for over {age.ToMinutes()} minutes: is its consumer paused, failing or throttled?",
                Metric = Queue.MetricApproximateAgeOfOldestMessage(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Maximum" }),
                Threshold = age.ToSeconds(),
                ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                EvaluationPeriods = 1,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });
            Notify(OldestMessageAlarm, props.AlarmTopic);
        }
    }

    private static void Notify(Alarm alarm, Amazon.CDK.AWS.SNS.ITopic topic)
    {
        alarm.AddAlarmAction(new SnsAction(topic));
        alarm.AddOkAction(new SnsAction(topic));
    }
}
