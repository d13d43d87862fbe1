using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mailflow.Core.Configuration;
using Mailflow.Core.Outbound;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Core.Tests.Outbound;

/// <summary>
/// Properties of the rate limiter over generated traffic, played against a simulated queue: a mail told to wait comes
/// back exactly when the limiter said, as an SQS message with that visibility timeout would.
/// </summary>
public class OutboundRateLimiterProperties
{
    private static readonly string[] s_apps = ["a1", "a2"];
    private static readonly string[] s_domains = ["d1.example", "d2.example", "D3.example"];
    private static readonly RateLimitConfig s_unlimited = new() { PerSecond = 1000, Burst = 10_000 };

    public sealed record Request(int GapMilliseconds, string App, string[] Domains);

    public sealed record Scenario(RateLimitConfig PerApp, RateLimitConfig PerDomain, Request[] Requests);

    private sealed record Send(TimeSpan At, Request Request);

    private static Gen<RateLimitConfig> Limit() =>
        Gen.Elements(0.5, 1.0, 2.0, 4.0, 10.0).Zip(Gen.Choose(1, 6), (perSecond, burst) => new RateLimitConfig { PerSecond = perSecond, Burst = burst });

    private static Gen<Request> Requests(int maxDomains) =>
        Gen.Choose(0, 1500)
            .Zip(Gen.Elements(s_apps), (gap, app) => (Gap: gap, App: app))
            .Zip(Gen.Elements(s_domains).NonEmptyListOf(), (t, domains) => new Request(t.Gap, t.App, [.. domains.Take(maxDomains)]));

    private static Arbitrary<Scenario> Scenarios(Gen<RateLimitConfig> perApp, Gen<RateLimitConfig> perDomain, int maxDomains) =>
        perApp
            .Zip(perDomain, (app, domain) => (App: app, Domain: domain))
            .Zip(Requests(maxDomains).ArrayOf(), (limits, requests) => new Scenario(limits.App, limits.Domain, requests))
            .ToArbitrary();

    [Property]
    public Property Every_mail_is_sent_once_and_none_is_delayed_a_second_time() =>
        Prop.ForAll(Scenarios(Limit(), Limit(), maxDomains: 3), scenario =>
        {
            var (sends, secondDelays) = Play(scenario);
            return secondDelays == 0 && sends.Count == scenario.Requests.Length;
        });

    [Property]
    public Property No_bucket_sends_more_than_its_burst_plus_its_rate_since_the_start() =>
        Prop.ForAll(Scenarios(Limit(), Limit(), maxDomains: 3), scenario =>
        {
            var (sends, _) = Play(scenario);
            return Buckets(scenario, sends).All(b => WithinBound(b.Limit, b.Times, slidingWindows: false));
        });

    /// <summary>
    /// When only the app buckets can make a mail wait, every window of the actual send times conforms to them.
    /// (With several binding buckets a mail is charged everywhere when it asks, not when it goes, so a bucket whose token
    /// refilled meanwhile can see a few extra sends in a short window; the bound since the start holds regardless.)
    /// </summary>
    [Property]
    public Property With_only_app_limits_binding_every_window_conforms() =>
        Prop.ForAll(Scenarios(Limit(), Gen.Constant(s_unlimited), maxDomains: 3), scenario =>
        {
            var (sends, _) = Play(scenario);
            return Buckets(scenario, sends).All(b => WithinBound(b.Limit, b.Times, slidingWindows: true));
        });

    [Property]
    public Property With_only_domain_limits_binding_and_one_domain_per_mail_every_window_conforms() =>
        Prop.ForAll(Scenarios(Gen.Constant(s_unlimited), Limit(), maxDomains: 1), scenario =>
        {
            var (sends, _) = Play(scenario);
            return Buckets(scenario, sends).All(b => WithinBound(b.Limit, b.Times, slidingWindows: true));
        });

    private static (List<Send> Sends, int SecondDelays) Play(Scenario scenario)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));
        var limiter = new OutboundRateLimiter(new OutboundRateLimitsConfig { PerApp = scenario.PerApp, PerRecipientDomain = scenario.PerDomain }, time);
        var queue = new PriorityQueue<(int Index, bool Redelivery), (TimeSpan At, int Order)>();
        var order = 0;
        var arrival = TimeSpan.Zero;
        for (var i = 0; i < scenario.Requests.Length; i++)
        {
            arrival += TimeSpan.FromMilliseconds(scenario.Requests[i].GapMilliseconds);
            queue.Enqueue((i, false), (arrival, order++));
        }

        var sends = new List<Send>();
        var secondDelays = 0;
        var now = TimeSpan.Zero;
        while (queue.TryDequeue(out var item, out var when))
        {
            time.Advance(when.At - now);
            now = when.At;
            var request = scenario.Requests[item.Index];
            var wait = limiter.Acquire($"m{item.Index}", request.App, request.Domains);
            if (wait is null)
            {
                sends.Add(new Send(now, request));
            }
            else if (item.Redelivery)
            {
                secondDelays++;
            }
            else
            {
                queue.Enqueue((item.Index, true), (now + wait.Value, order++));
            }
        }
        return (sends, secondDelays);
    }

    private static IEnumerable<(RateLimitConfig Limit, List<TimeSpan> Times)> Buckets(Scenario scenario, List<Send> sends)
    {
        foreach (var app in s_apps)
        {
            yield return (scenario.PerApp, sends.Where(s => s.Request.App == app).Select(s => s.At).Order().ToList());
        }
        foreach (var domain in s_domains)
        {
            yield return (scenario.PerDomain, sends.Where(s => s.Request.Domains.Contains(domain, StringComparer.OrdinalIgnoreCase)).Select(s => s.At).Order().ToList());
        }
    }

    // A token bucket lets through at most burst + rate × t mails in any span of length t (from the start, or in every window).
    private static bool WithinBound(RateLimitConfig limit, List<TimeSpan> times, bool slidingWindows)
    {
        for (var j = 0; j < times.Count; j++)
        {
            for (var i = 0; i <= (slidingWindows ? j : 0); i++)
            {
                var from = slidingWindows ? times[i] : TimeSpan.Zero;
                var count = slidingWindows ? j - i + 1 : j + 1;
                if (count > limit.Burst + (limit.PerSecond * (times[j] - from).TotalSeconds) + 1e-6)
                {
                    return false;
                }
            }
        }
        return true;
    }
}
