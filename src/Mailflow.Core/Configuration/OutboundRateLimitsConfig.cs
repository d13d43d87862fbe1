namespace Mailflow.Core.Configuration;

/// <summary>Token buckets that pace outbound mail; over the limit a message waits on the queue, it is never dropped.</summary>
public sealed record OutboundRateLimitsConfig
{
    /// <summary>Each app's own bucket.</summary>
    public RateLimitConfig PerApp { get; set; } = new() { PerSecond = 10, Burst = 50 };

    /// <summary>One bucket per recipient domain, shared by all apps (receivers throttle by sending IP and domain).</summary>
    public RateLimitConfig PerRecipientDomain { get; set; } = new() { PerSecond = 5, Burst = 20 };
}
