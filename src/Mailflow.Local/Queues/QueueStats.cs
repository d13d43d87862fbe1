namespace Mailflow.Local.Queues;

/// <summary>Approximate counts as SQS reports them, and the age of the oldest message.</summary>
public sealed record QueueStats(long Visible, long InFlight, long Delayed, TimeSpan? OldestMessageAge);
