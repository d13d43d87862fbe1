namespace Mailflow.Cdk.Configuration;

/// <summary><c>queues</c> of mailflow.json.</summary>
public sealed record QueueSettings
{
    /// <summary>The schema's default and minimum: a message survives a few crashed consumers before it is dead-lettered.</summary>
    public const int MinimumMaxReceiveCount = 5;

    public int MaxReceiveCount { get; init; } = MinimumMaxReceiveCount;
}
