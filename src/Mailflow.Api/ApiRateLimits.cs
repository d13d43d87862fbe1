using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace Mailflow.Api;

/// <summary>
/// Two limits, both counted before any signature work: <c>api.requestsPerMinute</c> per token (the partition is the
/// Authorization header, so one busy token cannot starve the others), and <see cref="AddressMultiple"/> times that per
/// client address over all its tokens, so that minting fresh forged tokens buys no extra requests. Requests without a
/// token count against their address only. In-process: on AWS, API Gateway's stage throttling is the account-wide limit
/// and these count per execution environment.
/// </summary>
public static class ApiRateLimits
{
    /// <summary>How many tokens' worth of requests one client address may send: a few people behind one NAT.</summary>
    public const int AddressMultiple = 5;

    public static void Configure(RateLimiterOptions options, int requestsPerMinute)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
                PerMinute("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), requestsPerMinute * AddressMultiple)),
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization
                    ? PerMinute("token:" + authorization, requestsPerMinute)
                    : RateLimitPartition.GetNoLimiter("anonymous")));
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
            rejected.HttpContext.Response.Headers[HeaderNames.RetryAfter] = retryAfter.ToString(CultureInfo.InvariantCulture);
            await ApiErrors.WriteAsync(rejected.HttpContext.Response, StatusCodes.Status429TooManyRequests, "rate-limited",
                $"Too many requests from this token or address (the limit is {requestsPerMinute} a minute per token); retry after {retryAfter} s.")
                .ConfigureAwait(false);
        };
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
