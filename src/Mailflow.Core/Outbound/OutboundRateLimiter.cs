using Mailflow.Core.Configuration;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Paces outbound mail with token buckets: one per app and one per recipient domain (shared by all apps, because
/// receivers throttle by sending IP and domain). Over the limit a mail is delayed on the queue, never dropped: the
/// caller sets the SQS message's visibility timeout to the wait <see cref="Acquire"/> returns.
/// </summary>
/// <remarks>
/// <para>
/// A delayed mail must not be delayed again when it comes back: every redelivery raises the SQS receive count, and
/// enough of them dead-letter the mail. So <see cref="Acquire"/> reserves. It takes the mail's tokens at once, even from
/// empty buckets (which go into debt), records when the debt is repaid, and returns the wait until then. When the
/// same mail id asks again at or after that time it is admitted without taking tokens a second time.
/// </para>
/// <para>
/// Waits are capped at <see cref="MaxDelay"/>, SQS's largest visibility timeout. A mail whose wait would be longer
/// takes no tokens and reserves nothing: it waits <see cref="MaxDelay"/> and then competes again, so the debt a burst
/// of mail can build up never exceeds what one visibility timeout can absorb.
/// </para>
/// <para>
/// A mail is charged to all its buckets when it asks, not when it goes. When one bucket makes it wait, the token it took
/// from another may refill before it is sent, so in a short window that other bucket can see a few more mails than its
/// burst. Counted from any moment all buckets were full, no bucket ever lets through more than burst + rate × time.
/// </para>
/// <para>
/// The buckets and reservations live in this process. Several concurrent workers each pace on their own, so the
/// total rate is at most their number times the limit; and a reservation helps only when the mail comes back to the
/// same process (otherwise it competes again there). Full buckets and reservations an hour past their time are
/// forgotten, so memory follows the recent traffic, not all traffic ever seen.
/// </para>
/// </remarks>
public sealed class OutboundRateLimiter
{
    /// <summary>
    /// SQS's largest visibility timeout, 12 hours (43200 s):
    /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
    /// SQS counts those 12 hours from the receive, so a caller that has held the message for a while must set
    /// a little less; it then comes back slightly early and is told the few seconds that remain.
    /// </summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(12);

    private static readonly TimeSpan s_forgetReservationsAfter = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_sweepInterval = TimeSpan.FromMinutes(1);

    private readonly OutboundRateLimitsConfig _limits;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TokenBucket> _apps = new(StringComparer.Ordinal);

    // Domains compare without regard to case (RFC 5321 §2.4).
    private readonly Dictionary<string, TokenBucket> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TimeSpan> _reservations = new(StringComparer.Ordinal);
    private TimeSpan _lastSweep;

    public OutboundRateLimiter(OutboundRateLimitsConfig limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(time);
        if (!IsUsable(limits.PerApp) || !IsUsable(limits.PerRecipientDomain))
        {
            throw new ArgumentOutOfRangeException(nameof(limits), "Every rate limit needs perSecond > 0 and burst >= 1; ConfigValidator reports which one does not.");
        }
        _limits = limits;
        _time = time;
        _origin = time.GetTimestamp();
    }

    /// <summary>
    /// Whether the mail <paramref name="mailId"/> may be sent now: null if so, otherwise how long it must wait on the
    /// queue (at most <see cref="MaxDelay"/>). The mail takes one token from <paramref name="app"/>'s bucket and one
    /// from the bucket of each distinct recipient domain; its wait is the longest of theirs.
    /// </summary>
    /// <param name="mailId">Identifies the mail across redeliveries: a mail that comes back at or after its reserved time is admitted without taking tokens again.</param>
    /// <param name="recipientDomains">The domains of all recipients (To, Cc and Bcc); repeats count once.</param>
    /// <returns>
    /// null to send now; otherwise the wait, exact to the tick. SQS visibility timeouts are whole seconds: round the
    /// wait up, never down, or the mail comes back early and is told to wait again.
    /// </returns>
    public TimeSpan? Acquire(string mailId, string app, IReadOnlyCollection<string> recipientDomains)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailId);
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        ArgumentNullException.ThrowIfNull(recipientDomains);
        var domains = new HashSet<string>(recipientDomains.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var domain in recipientDomains)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(domain, nameof(recipientDomains));
            domains.Add(domain.Trim().TrimEnd('.'));
        }

        lock (_lock)
        {
            var now = _time.GetElapsedTime(_origin);
            SweepIfDue(now);
            if (_reservations.TryGetValue(mailId, out var reservedAt))
            {
                if (now < reservedAt)
                {
                    return reservedAt - now;
                }
                _reservations.Remove(mailId);
                return null;
            }

            var buckets = new List<TokenBucket>(domains.Count + 1) { Bucket(_apps, app, _limits.PerApp, now) };
            foreach (var domain in domains)
            {
                buckets.Add(Bucket(_domains, domain, _limits.PerRecipientDomain, now));
            }
            var wait = buckets.Max(b => b.WaitForOne(now));
            if (wait > MaxDelay)
            {
                return MaxDelay;
            }
            foreach (var bucket in buckets)
            {
                bucket.Take(now);
            }
            if (wait == TimeSpan.Zero)
            {
                return null;
            }
            _reservations[mailId] = now + wait;
            return wait;
        }
    }

    // ConfigValidator refuses the others; a config built in code must not divide by zero either.
    private static bool IsUsable(RateLimitConfig? limit) => limit is { PerSecond: > 0 and <= double.MaxValue, Burst: >= 1 };

    private static TokenBucket Bucket(Dictionary<string, TokenBucket> buckets, string key, RateLimitConfig limit, TimeSpan now)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new TokenBucket(limit, now);
            buckets.Add(key, bucket);
        }
        return bucket;
    }

    // Runs under the lock at most once a minute; each sweep is linear in what is remembered.
    private void SweepIfDue(TimeSpan now)
    {
        if (now - _lastSweep < s_sweepInterval)
        {
            return;
        }
        _lastSweep = now;
        Forget(_apps, bucket => bucket.IsFull(now));
        Forget(_domains, bucket => bucket.IsFull(now));
        Forget(_reservations, reservedAt => now - reservedAt > s_forgetReservationsAfter);
    }

    private static void Forget<T>(Dictionary<string, T> entries, Func<T, bool> forgettable)
    {
        foreach (var (key, value) in entries)
        {
            if (forgettable(value))
            {
                entries.Remove(key);
            }
        }
    }

    /// <summary>How many buckets and reservations are remembered; for tests of the memory bound.</summary>
    internal (int Buckets, int Reservations) Remembered
    {
        get
        {
            lock (_lock)
            {
                return (_apps.Count + _domains.Count, _reservations.Count);
            }
        }
    }
}
