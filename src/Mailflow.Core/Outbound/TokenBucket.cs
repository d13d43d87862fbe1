using Mailflow.Core.Configuration;

namespace Mailflow.Core.Outbound;

/// <summary>
/// A token bucket that may go into debt: it holds up to <see cref="RateLimitConfig.Burst"/> tokens, refills at
/// <see cref="RateLimitConfig.PerSecond"/>, and a token taken from an empty bucket is owed, so the
/// debt says when the mail that took it may go. Times are offsets on one monotonic clock, supplied by the caller.
/// Not thread-safe: <see cref="OutboundRateLimiter"/> guards every bucket with its lock.
/// </summary>
internal sealed class TokenBucket(RateLimitConfig limit, TimeSpan now)
{
    private readonly double _rate = limit.PerSecond;
    private readonly double _capacity = limit.Burst;
    private double _tokens = limit.Burst;
    private TimeSpan _updated = now;

    /// <summary>How long a mail taking one token now would have to wait for it: zero while a token is free.</summary>
    public TimeSpan WaitForOne(TimeSpan now)
    {
        Refill(now);
        var debt = 1 - _tokens;
        if (debt <= 0)
        {
            return TimeSpan.Zero;
        }
        // Multiply before dividing: whole debts at whole rates then give exact ticks (2 tokens at 10/s = 0.2 s).
        var ticks = Math.Ceiling(debt * TimeSpan.TicksPerSecond / _rate);
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Takes one token, going into debt when there is none.</summary>
    public void Take(TimeSpan now)
    {
        Refill(now);
        _tokens -= 1;
    }

    /// <summary>A full bucket is the same as a new one, so it can be forgotten.</summary>
    public bool IsFull(TimeSpan now)
    {
        Refill(now);
        return _tokens >= _capacity;
    }

    private void Refill(TimeSpan now)
    {
        if (now <= _updated)
        {
            return;
        }
        _tokens = Math.Min(_capacity, _tokens + ((now - _updated).Ticks * _rate / TimeSpan.TicksPerSecond));
        _updated = now;
    }
}
