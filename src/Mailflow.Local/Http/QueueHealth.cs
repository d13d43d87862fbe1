namespace Mailflow.Local.Http;

/// <summary>One queue's approximate depths and its oldest message's age, in seconds.</summary>
public sealed record QueueHealth(string Name, long Visible, long InFlight, long Delayed, double? OldestAgeSeconds, string? DeadLetterQueue);
