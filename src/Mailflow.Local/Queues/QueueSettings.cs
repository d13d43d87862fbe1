namespace Mailflow.Local.Queues;

/// <summary>A queue's settings, with SQS's defaults and limits.</summary>
public sealed record QueueSettings(string Name)
{
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MessageRetention { get; init; } = TimeSpan.FromDays(4);
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;
    public TimeSpan ReceiveWaitTime { get; init; } = TimeSpan.Zero;
    public int MaximumMessageSize { get; init; } = 262_144;

    /// <summary>The dead-letter queue's name; null for a queue without a redrive policy (a DLQ itself).</summary>
    public string? DeadLetterQueue { get; init; }

    public int MaxReceiveCount { get; init; } = 5;
}
