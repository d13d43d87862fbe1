using System.Net;
using System.Text.Json;
using Mailflow.Api.Auth;
using Mailflow.Api.Tests.Support;
using Mailflow.Testing.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Api.Tests;

/// <summary>
/// The negative matrix of issue 7, over both hosts: every forged or unfit token gets 401 with a WWW-Authenticate
/// header, a valid token without the role 403, and none of them reaches an endpoint.
/// </summary>
public sealed class AuthenticationTests(LocalStack stack) : IClassFixture<LocalStack>
{
    public static TheoryData<ApiTransport, string> Refused()
    {
        var data = new TheoryData<ApiTransport, string>();
        foreach (var transport in Enum.GetValues<ApiTransport>())
        {
            foreach (var name in s_forgeries.Keys)
            {
                data.Add(transport, name);
            }
        }
        return data;
    }

    private static readonly Dictionary<string, (Func<string> Token, string Description)> s_forgeries = new()
    {
        ["signed by another key under a trusted kid"] = (() => TestTokens.Mint(Roles.Admin, key: TestKeys.Untrusted), "signature does not verify"),
        ["signed by an unknown key"] = (() => TestTokens.Mint(Roles.Admin, key: TestKeys.Unknown), "not signed by a key this API trusts"),
        ["tampered signature"] = (() => TestTokens.Tampered(Roles.Admin), "signature does not verify"),
        ["alg none"] = (() => TestTokens.AlgNone(Roles.Admin), "signature does not verify"),
        ["HS256 signed with the public key"] = (() => TestTokens.HmacWithPublicKey(Roles.Admin), "signature does not verify"),
        ["expired"] = (() => TestTokens.Mint(Roles.Admin, notBefore: Now.AddHours(-2), expires: Now.AddMinutes(-5)), "expired"),
        ["not yet valid"] = (() => TestTokens.Mint(Roles.Admin, notBefore: Now.AddMinutes(10), expires: Now.AddHours(1)), "not valid yet"),
        ["wrong issuer"] = (() => TestTokens.Mint(Roles.Admin, issuer: "https://elsewhere.test"), "issuer is not the one this API trusts"),
        ["wrong audience"] = (() => TestTokens.Mint(Roles.Admin, audience: "another-api"), "audience is not this API"),
        ["not a JWT"] = (() => "definitely-not-a-token", "malformed"),
        ["no subject"] = (() => TestTokens.Mint(Roles.Admin, subject: null), "no subject (sub)"),
    };

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Theory]
    [InlineData(ApiTransport.TestServer)]
    [InlineData(ApiTransport.Bridge)]
    public async Task A_request_without_a_token_gets_401_with_a_bare_bearer_challenge(ApiTransport transport)
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, transport);

        var response = await host.Anonymous().GetAsync("/api/queues");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"mailflow\"", string.Join(",", response.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal("token-required", (await Json(response)).GetProperty("error").GetString());
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_forged_or_unfit_token_gets_401_invalid_token(ApiTransport transport, string forgery)
    {
        var (token, description) = s_forgeries[forgery];
        await using var host = await ApiTestHost.StartAsync(stack.Backends, transport);

        var response = await host.WithToken(token()).PostAsync("/api/inbound/disable", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = string.Join(",", response.Headers.GetValues("WWW-Authenticate"));
        Assert.StartsWith("Bearer realm=\"mailflow\", error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.True(challenge.Contains(description, StringComparison.Ordinal), challenge);
        Assert.Equal("token-invalid", (await Json(response)).GetProperty("error").GetString());
        Assert.Equal("enabled", (await stack.Backends.Inbound.GetAsync(CancellationToken.None)).State);
    }

    [Theory]
    [InlineData(ApiTransport.TestServer, null, "/api/queues", "GET")]
    [InlineData(ApiTransport.TestServer, "auditor", "/api/queues", "GET")]
    [InlineData(ApiTransport.TestServer, Roles.Viewer, "/api/inbound/pause", "POST")]
    [InlineData(ApiTransport.TestServer, Roles.Viewer, "/api/messages/x/replay", "POST")]
    [InlineData(ApiTransport.TestServer, Roles.Operator, "/api/inbound/disable", "POST")]
    [InlineData(ApiTransport.TestServer, Roles.Operator, "/api/queues/mailflow-apitest-invoices/purge", "POST")]
    [InlineData(ApiTransport.TestServer, Roles.Operator, "/api/messages/x/raw", "GET")]
    [InlineData(ApiTransport.Bridge, null, "/api/queues", "GET")]
    [InlineData(ApiTransport.Bridge, Roles.Viewer, "/api/queues/mailflow-apitest-invoices-dlq/redrive", "POST")]
    [InlineData(ApiTransport.Bridge, Roles.Operator, "/api/inbound/disable", "POST")]
    public async Task A_valid_token_without_the_role_gets_403(ApiTransport transport, string? role, string path, string method)
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, transport);

        var response = await host.WithToken(TestTokens.Mint(role)).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("role-required", body.GetProperty("error").GetString());
        Assert.Contains($"roles ({role ?? "none"})", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiTransport.TestServer)]
    [InlineData(ApiTransport.Bridge)]
    public async Task An_ES256_token_is_accepted_like_an_RS256_one(ApiTransport transport)
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, transport);

        var response = await host.WithToken(TestTokens.Mint(Roles.Viewer, key: TestKeys.Ec, algorithm: SecurityAlgorithms.EcdsaSha256)).GetAsync("/api/queues");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_attachment_links_and_the_OpenAPI_document_need_no_token()
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer);
        var client = host.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/openapi.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/attachments/x.a0?expires=1&token=x")).StatusCode);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
