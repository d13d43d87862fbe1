using System.Net;
using Mailflow.Api.Auth;
using Mailflow.Api.Tests.Support;

namespace Mailflow.Api.Tests;

public sealed class CorsAndRateLimitTests(LocalStack stack) : IClassFixture<LocalStack>
{
    [Fact]
    public async Task Only_the_configured_dashboard_origin_passes_a_CORS_preflight()
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer);
        var client = host.Anonymous();

        var allowed = await client.SendAsync(Preflight("https://dashboard.acme.test"));
        var refused = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://dashboard.acme.test", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("authorization", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_token_over_its_requests_per_minute_gets_429_with_Retry_After_and_other_tokens_are_unaffected()
    {
        var backends = stack.Backends with { Config = stack.Backends.Config with { Api = stack.Backends.Config.Api with { RequestsPerMinute = 3 } } };
        await using var host = await ApiTestHost.StartAsync(backends, ApiTransport.TestServer);
        var busy = host.As(Roles.Viewer, "busy");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await busy.GetAsync("/api/inbound")).StatusCode);
        }
        var limited = await busy.GetAsync("/api/inbound");
        var other = await host.As(Roles.Viewer, "calm").GetAsync("/api/inbound");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(string.Join("", limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains("rate-limited", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Fresh_forged_tokens_from_one_address_buy_no_more_than_the_address_limit()
    {
        var backends = stack.Backends with { Config = stack.Backends.Config with { Api = stack.Backends.Config.Api with { RequestsPerMinute = 2 } } };
        await using var host = await ApiTestHost.StartAsync(backends, ApiTransport.TestServer);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * ApiRateLimits.AddressMultiple + 3; i++)
        {
            statuses.Add((await host.WithToken($"forged-{i}").GetAsync("/api/queues")).StatusCode);
        }

        Assert.Equal(2 * ApiRateLimits.AddressMultiple, statuses.Count(status => status == HttpStatusCode.Unauthorized));
        Assert.Equal(3, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Attachment_links_are_not_rate_limited()
    {
        var backends = stack.Backends with { Config = stack.Backends.Config with { Api = stack.Backends.Config.Api with { RequestsPerMinute = 2 } } };
        await using var host = await ApiTestHost.StartAsync(backends, ApiTransport.TestServer);
        var client = host.Anonymous();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/api/attachments/x.a0?expires=1&token=x")).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Forbidden, status));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/queues");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return request;
    }
}
