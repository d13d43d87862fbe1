using Amazon.CDK;
using Constructs;
using Mailflow.Cdk.BuildingBlocks;
using Mailflow.Cdk.Configuration;

namespace Mailflow.Cdk.Features;

/// <summary>
/// Every queue Mailflow owns: inbound (SES notifications), outbound (the apps' replies), quarantine, and one per app,
/// each an <see cref="AppQueue"/> with its DLQ and alarm. Names are those Mailflow.Core derives at run time
/// (<c>mailflow-{env}-{part}</c>); each queue URL is a stack output, for the apps' configuration.
/// </summary>
public sealed class AppQueues : Construct
{
    /// <summary>
    /// The worker takes inbound mail within seconds; mail older than this means it stopped (paused, failing,
    /// throttled). A paused worker raises it on purpose: paused is a state someone must end.
    /// </summary>
    public static readonly Duration InboundOldestMessageAlarmAge = Duration.Minutes(15);

    public AppQueue Inbound { get; }
    public AppQueue Outbound { get; }
    public AppQueue Quarantine { get; }

    /// <summary>The apps' queues by app name.</summary>
    public IReadOnlyDictionary<string, AppQueue> Apps { get; }

    /// <summary>Every queue of this construct, inbound, outbound and quarantine first.</summary>
    public IEnumerable<AppQueue> All => new[] { Inbound, Outbound, Quarantine }.Concat(Apps.Values);

    /// <exception cref="ArgumentException">An app name cannot be part of a queue name.</exception>
    public AppQueues(Construct scope, string id, AppQueuesProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var problems = props.Config.Apps.Select(a => QueueNaming.AppNameProblem(a.Name)).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"{Node.Path}: " + string.Join(" ", problems), nameof(props));
        }
        AppQueue Create(string constructId, string part, Duration? oldestMessageAlarmAge = null)
        {
            var queue = new AppQueue(this, constructId, new AppQueueProps(
                QueueNaming.Name(props.Environment.Name, part),
                props.Config.Queues.MaxReceiveCount,
                Duration.Seconds(props.Config.Retention.QueueMessageSeconds),
                WorkerTiming.QueueVisibilityTimeout,
                props.AlarmTopic,
                oldestMessageAlarmAge));
            _ = new CfnOutput(this, $"{constructId}QueueUrl", new CfnOutputProps
            {
                Description = $"URL of the {part} queue",
                Value = queue.Queue.QueueUrl,
            });
            return queue;
        }
        Inbound = Create("Inbound", "inbound", InboundOldestMessageAlarmAge);
        Outbound = Create("Outbound", "outbound");
        Quarantine = Create("Quarantine", "quarantine");
        // Construct ids from app names (lowercase, digits, hyphens) are unique because the names are.
        Apps = props.Config.Apps.ToDictionary(a => a.Name, a => Create($"App-{a.Name}", a.Name));
    }
}
