namespace Mailflow.Core.Pipeline;

/// <summary>How a handled record ends: done (delete it), or to come back after a delay (a rate limit).</summary>
public sealed record RecordOutcome(TimeSpan? RetryAfter)
{
    public static readonly RecordOutcome Done = new((TimeSpan?)null);

    public static RecordOutcome Delay(TimeSpan retryAfter) => new(retryAfter);
}
