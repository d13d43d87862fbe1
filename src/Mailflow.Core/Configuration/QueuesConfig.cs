namespace Mailflow.Core.Configuration;

/// <summary>Settings every Mailflow queue shares.</summary>
public sealed record QueuesConfig
{
    /// <summary>
    /// Receives without a delete after which a message moves to its queue's DLQ. At least 5, so that a message
    /// survives a few crashed or timed-out consumers before anyone has to look at it.
    /// </summary>
    public int MaxReceiveCount { get; set; } = 5;
}
