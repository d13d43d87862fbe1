using Amazon.CDK;

namespace Mailflow.Cdk.Features;

/// <summary>
/// The worker's timing, and what the queues derive from it. AWS: "set the source queue's visibility timeout to at
/// least six times the timeout that you configure on your function", plus the batching window
/// (<see href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html">configuring an SQS event source</see>);
/// otherwise a batch still being retried after throttling becomes visible again and runs twice.
/// </summary>
public static class WorkerTiming
{
    /// <summary>A 40 MB mail is streamed, parsed and fanned out well within this (make bench).</summary>
    public static readonly Duration Timeout = Duration.Seconds(60);

    /// <summary>Waits at most this long to fill a batch: mail latency stays in seconds, invocations stay few under load.</summary>
    public static readonly Duration BatchingWindow = Duration.Seconds(2);

    public const int BatchSize = 10;

    public const int VisibilityFactor = 6;

    /// <summary>6 × <see cref="Timeout"/> + <see cref="BatchingWindow"/>, for every Mailflow queue.</summary>
    public static Duration QueueVisibilityTimeout =>
        Duration.Seconds((VisibilityFactor * Timeout.ToSeconds()) + BatchingWindow.ToSeconds());
}
