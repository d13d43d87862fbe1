namespace Mailflow.Core.Configuration;

/// <summary>A token bucket: <see cref="Burst"/> mails at once, then <see cref="PerSecond"/> on average.</summary>
public sealed record RateLimitConfig
{
    public double PerSecond { get; set; }
    public int Burst { get; set; }
}
