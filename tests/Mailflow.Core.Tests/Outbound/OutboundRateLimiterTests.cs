using System.Collections.Concurrent;
using Mailflow.Core.Configuration;
using Mailflow.Core.Outbound;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Core.Tests.Outbound;

public class OutboundRateLimiterTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private static readonly RateLimitConfig s_unlimited = new() { PerSecond = 1000, Burst = 10_000 };

    private readonly FakeTimeProvider _time = new(s_start);

    private OutboundRateLimiter Limiter(RateLimitConfig? perApp = null, RateLimitConfig? perDomain = null) =>
        new(new OutboundRateLimitsConfig { PerApp = perApp ?? s_unlimited, PerRecipientDomain = perDomain ?? s_unlimited }, _time);

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void The_burst_passes_and_the_next_mail_waits_one_token_interval()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 10, Burst = 50 });

        var burst = Enumerable.Range(0, 50).Select(i => limiter.Acquire($"m{i}", "invoices", ["acme.com"])).ToList();
        var next = limiter.Acquire("m50", "invoices", ["acme.com"]);

        Assert.All(burst, wait => Assert.Null(wait));
        Assert.Equal(Seconds(0.1), next);
    }

    [Fact]
    public void Mails_beyond_the_burst_wait_ever_longer_and_each_is_admitted_at_its_reserved_time_without_a_second_delay()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 2, Burst = 5 });
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(limiter.Acquire($"burst{i}", "invoices", ["acme.com"]));
        }

        var waits = Enumerable.Range(1, 10).Select(k => limiter.Acquire($"late{k}", "invoices", ["acme.com"])).ToList();

        Assert.Equal(Enumerable.Range(1, 10).Select(k => (TimeSpan?)Seconds(k * 0.5)), waits);
        var elapsed = TimeSpan.Zero;
        for (var k = 1; k <= 10; k++)
        {
            _time.Advance(waits[k - 1]!.Value - elapsed);
            elapsed = waits[k - 1]!.Value;
            Assert.Null(limiter.Acquire($"late{k}", "invoices", ["acme.com"]));
        }
    }

    [Fact]
    public void A_mail_back_before_its_time_is_told_the_rest_of_its_wait_and_takes_no_second_token()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 1, Burst = 1 });
        Assert.Null(limiter.Acquire("first", "invoices", ["acme.com"]));
        Assert.Equal(Seconds(1), limiter.Acquire("second", "invoices", ["acme.com"]));

        _time.Advance(Seconds(0.25));
        var early = limiter.Acquire("second", "invoices", ["acme.com"]);
        var third = limiter.Acquire("third", "invoices", ["acme.com"]);

        Assert.Equal(Seconds(0.75), early);
        Assert.Equal(Seconds(1.75), third);
    }

    [Fact]
    public void An_admitted_reservation_is_used_up_so_a_later_redelivery_of_the_same_mail_competes_again()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 1, Burst = 1 });
        Assert.Null(limiter.Acquire("first", "invoices", ["acme.com"]));
        Assert.Equal(Seconds(1), limiter.Acquire("second", "invoices", ["acme.com"]));
        _time.Advance(Seconds(1));
        Assert.Null(limiter.Acquire("second", "invoices", ["acme.com"]));

        // The send failed and SQS redelivered it at once: a new attempt needs a new token.
        Assert.Equal(Seconds(1), limiter.Acquire("second", "invoices", ["acme.com"]));
    }

    [Fact]
    public void Each_recipient_domain_has_its_own_bucket()
    {
        var limiter = Limiter(perDomain: new RateLimitConfig { PerSecond = 1, Burst = 2 });

        Assert.Null(limiter.Acquire("a1", "invoices", ["a.example"]));
        Assert.Null(limiter.Acquire("a2", "invoices", ["a.example"]));
        Assert.Equal(Seconds(1), limiter.Acquire("a3", "invoices", ["a.example"]));
        Assert.Null(limiter.Acquire("b1", "invoices", ["b.example"]));
        Assert.Null(limiter.Acquire("b2", "invoices", ["b.example"]));
    }

    [Fact]
    public void A_recipient_domain_bucket_is_shared_by_all_apps()
    {
        var limiter = Limiter(perDomain: new RateLimitConfig { PerSecond = 1, Burst = 1 });

        Assert.Null(limiter.Acquire("m1", "invoices", ["a.example"]));
        Assert.Equal(Seconds(1), limiter.Acquire("m2", "support", ["a.example"]));
    }

    [Fact]
    public void An_app_bucket_is_shared_by_all_recipient_domains_and_not_by_other_apps()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 1, Burst = 2 });

        Assert.Null(limiter.Acquire("m1", "invoices", ["a.example"]));
        Assert.Null(limiter.Acquire("m2", "invoices", ["b.example"]));
        Assert.Equal(Seconds(1), limiter.Acquire("m3", "invoices", ["c.example"]));
        Assert.Null(limiter.Acquire("m4", "support", ["c.example"]));
    }

    [Fact]
    public void A_mail_to_several_domains_takes_a_token_from_each_and_waits_for_the_slowest()
    {
        var limiter = Limiter(perDomain: new RateLimitConfig { PerSecond = 1, Burst = 1 });
        Assert.Null(limiter.Acquire("to-b", "invoices", ["b.example"]));

        var both = limiter.Acquire("to-a-and-b", "invoices", ["a.example", "b.example"]);
        var onlyA = limiter.Acquire("to-a", "invoices", ["a.example"]);

        Assert.Equal(Seconds(1), both);
        Assert.Equal(Seconds(1), onlyA);
    }

    [Fact]
    public void A_domain_counts_once_whatever_its_case_or_trailing_dot()
    {
        var limiter = Limiter(perDomain: new RateLimitConfig { PerSecond = 1, Burst = 2 });

        Assert.Null(limiter.Acquire("m1", "invoices", ["Acme.COM", "acme.com", "acme.com."]));
        Assert.Null(limiter.Acquire("m2", "invoices", ["acme.com"]));
        Assert.Equal(Seconds(1), limiter.Acquire("m3", "invoices", ["ACME.com"]));
    }

    [Fact]
    public void A_mail_without_recipient_domains_takes_only_an_app_token()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 1, Burst = 1 });

        Assert.Null(limiter.Acquire("m1", "invoices", []));
        Assert.Equal(Seconds(1), limiter.Acquire("m2", "invoices", []));
    }

    [Fact]
    public void Tokens_come_back_at_the_configured_rate_up_to_the_burst()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 4, Burst = 2 });
        Assert.Null(limiter.Acquire("m1", "invoices", []));
        Assert.Null(limiter.Acquire("m2", "invoices", []));

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Null(limiter.Acquire("m3", "invoices", []));
        Assert.Null(limiter.Acquire("m4", "invoices", []));
        Assert.Equal(Seconds(0.25), limiter.Acquire("m5", "invoices", []));
    }

    [Fact]
    public void A_wait_longer_than_the_longest_visibility_timeout_is_capped_and_reserves_nothing()
    {
        // One mail per 4096 s (a power of two keeps the arithmetic exact): ten waits fit in 12 hours, the eleventh does not.
        var interval = Seconds(4096);
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 1.0 / 4096, Burst = 1 });
        Assert.Null(limiter.Acquire("m0", "invoices", []));
        for (var k = 1; k <= 10; k++)
        {
            Assert.Equal(k * interval, limiter.Acquire($"m{k}", "invoices", []));
        }

        var capped = limiter.Acquire("m11", "invoices", []);
        var alsoCapped = limiter.Acquire("m12", "invoices", []);
        _time.Advance(OutboundRateLimiter.MaxDelay);

        Assert.Equal(TimeSpan.FromHours(12), OutboundRateLimiter.MaxDelay);
        Assert.Equal(OutboundRateLimiter.MaxDelay, capped);
        Assert.Equal(OutboundRateLimiter.MaxDelay, alsoCapped);
        Assert.Null(limiter.Acquire("m10", "invoices", []));
        Assert.Equal((11 * interval) - OutboundRateLimiter.MaxDelay, limiter.Acquire("m11", "invoices", []));
        Assert.Equal((12 * interval) - OutboundRateLimiter.MaxDelay, limiter.Acquire("m12", "invoices", []));
    }

    [Fact]
    public void Full_buckets_and_reservations_an_hour_past_their_time_are_forgotten()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 1, Burst = 1 });
        for (var i = 0; i < 100; i++)
        {
            limiter.Acquire($"m{i}", "invoices", [$"d{i}.example"]);
        }
        Assert.Equal((101, 99), limiter.Remembered);

        _time.Advance(TimeSpan.FromHours(1) + Seconds(100));
        var again = limiter.Acquire("m99", "invoices", ["d99.example"]);

        Assert.Null(again);
        Assert.Equal((2, 0), limiter.Remembered);
    }

    [Fact]
    public void Reservations_not_yet_an_hour_late_are_kept()
    {
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 1, Burst = 1 });
        limiter.Acquire("m0", "invoices", []);
        Assert.Equal(Seconds(1), limiter.Acquire("m1", "invoices", []));

        _time.Advance(TimeSpan.FromMinutes(30));
        limiter.Acquire("other", "support", []);

        Assert.Equal((1, 1), limiter.Remembered);
        Assert.Null(limiter.Acquire("m1", "invoices", []));
    }

    [Fact]
    public void Parallel_requests_never_admit_more_than_the_burst_and_each_gets_its_own_slot()
    {
        const int Threads = 4;
        const int PerThread = 5000;
        var limiter = Limiter(perApp: new RateLimitConfig { PerSecond = 10, Burst = 50 });
        var waits = new TimeSpan?[Threads * PerThread];
        var failures = new ConcurrentQueue<Exception>();
        using var start = new Barrier(Threads);

        // Dedicated threads released together by a barrier: the thread pool would start them one after another.
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var i = t * PerThread; i < (t + 1) * PerThread; i++)
                {
                    waits[i] = limiter.Acquire($"m{i}", "invoices", [$"d{i % 7}.example"]);
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Empty(failures);
        Assert.Equal(50, waits.Count(w => w is null));
        Assert.Equal(
            Enumerable.Range(1, waits.Length - 50).Select(k => TimeSpan.FromTicks(k * TimeSpan.TicksPerSecond / 10)),
            waits.OfType<TimeSpan>().Order());
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(-1.0, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(1.0, 0)]
    public void A_limit_that_could_never_admit_a_mail_is_refused_at_construction(double perSecond, int burst)
    {
        var limits = new OutboundRateLimitsConfig { PerRecipientDomain = new RateLimitConfig { PerSecond = perSecond, Burst = burst } };

        Assert.Throws<ArgumentOutOfRangeException>(() => new OutboundRateLimiter(limits, _time));
    }
}
