using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace Mailflow.Api;

/// <summary>
/// Requests per minute per token: the partition is the Authorization header (so one token cannot starve the others,
/// and a flood of forged tokens is limited before any signature work); requests without one share a partition per
/// client address. In-process: on AWS, API Gateway's stage throttling is the account-wide limit and this one is per
/// execution environment.
/// </summary>
public static class ApiRateLimits
{
    public static void Configure(RateLimiterOptions options, int requestsPerMinute)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = requestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
            rejected.HttpContext.Response.Headers[HeaderNames.RetryAfter] = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ApiErrors.WriteAsync(rejected.HttpContext.Response, StatusCodes.Status429TooManyRequests, "rate-limited",
                $"More than {requestsPerMinute} requests a minute with this token; retry after {retryAfter} s.").ConfigureAwait(false);
        };
    }

    private static string PartitionOf(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization
            ? "token:" + authorization
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
