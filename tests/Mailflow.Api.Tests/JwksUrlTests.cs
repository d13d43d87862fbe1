using System.Net;
using Mailflow.Api.Auth;
using Mailflow.Api.Tests.Support;
using Mailflow.Testing.Auth;
using Mailflow.Testing.Stubs;

namespace Mailflow.Api.Tests;

/// <summary>Keys from a JWKS URL (api.jwksUrl): fetched from the issuer, then cached.</summary>
public sealed class JwksUrlTests(LocalStack stack) : IClassFixture<LocalStack>
{
    [Fact]
    public async Task Tokens_are_checked_against_the_keys_the_JWKS_URL_serves_and_the_keys_are_fetched_once()
    {
        await using var jwks = StubHttpServer.Start(new StubResponse(200, TestKeys.TrustedJwks,
            new Dictionary<string, string> { ["Content-Type"] = "application/json" }));
        var auth = new ApiAuthSettings(TestTokens.Issuer, TestTokens.Audience, new Uri(jwks.Endpoint, "/.well-known/jwks.json"), null);
        await using var host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer, auth);

        var first = await host.As(Roles.Viewer).GetAsync("/api/queues");
        var second = await host.As(Roles.Viewer, "someone-else").GetAsync("/api/queues");
        var fetchesForTwoTokens = jwks.Requests.Count;
        var untrusted = await host.WithToken(TestTokens.Mint(Roles.Viewer, key: TestKeys.Unknown)).GetAsync("/api/queues");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, untrusted.StatusCode);
        Assert.All(jwks.Requests, request => Assert.Equal("/.well-known/jwks.json", request.Url.AbsolutePath));
        Assert.Equal(1, fetchesForTwoTokens);
    }
}
