using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mailflow.Api.Auth;
using Mailflow.Api.Tests.Support;
using Mailflow.Testing.Auth;

namespace Mailflow.Api.Tests;

/// <summary>
/// The API function serves the API through the API Gateway v2 bridge; <c>mailflow run</c> through Kestrel. The same
/// requests must get the same answers: status, content type, WWW-Authenticate and body.
/// </summary>
public sealed class BridgeEquivalenceTests(LocalStack stack) : IClassFixture<LocalStack>
{
    public static TheoryData<string, string, string?, string?> Requests() => new()
    {
        { "GET", "/api/health", null, null },
        { "GET", "/api/queues", Roles.Viewer, null },
        { "GET", "/api/queues", null, null },
        { "GET", "/api/queues/mailflow-apitest-invoices/messages?max=5", Roles.Viewer, null },
        { "GET", "/api/queues/nope/messages", Roles.Viewer, null },
        { "GET", "/api/inbound", Roles.Viewer, null },
        { "GET", "/api/config", Roles.Viewer, null },
        { "GET", "/api/config/effective", Roles.Viewer, null },
        { "GET", "/api/messages?status=routed&limit=5", Roles.Viewer, null },
        { "GET", "/api/messages?status=routed&limit=5", Roles.Admin, null },
        { "GET", "/api/messages?status=lost", Roles.Viewer, null },
        { "GET", "/api/messages/MAIL", Roles.Viewer, null },
        { "GET", "/api/audit?limit=5", Roles.Viewer, null },
        { "GET", "/api/metrics/summary?window=7d", Roles.Viewer, null },
        { "POST", "/api/queues/mailflow-apitest-invoices-dlq/purge", Roles.Admin, """{"confirm":"wrong"}""" },
        { "POST", "/api/inbound/disable", Roles.Operator, null },
        { "GET", "/api/attachments/x.a0?expires=1&token=x", null, null },
        { "GET", "/api/no/such/route", Roles.Viewer, null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_request_gets_the_same_answer_through_the_bridge_as_through_Kestrel(string method, string path, string? role, string? body)
    {
        var mailId = await MailAsync();
        path = path.Replace("MAIL", mailId, StringComparison.Ordinal);
        await using var kestrel = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer);
        await using var bridge = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.Bridge);
        var token = role is null ? null : TestTokens.Mint(role);

        var direct = await SendAsync(kestrel, method, path, token, body);
        var bridged = await SendAsync(bridge, method, path, token, body);

        Assert.Equal(direct.Status, bridged.Status);
        Assert.Equal(direct.ContentType, bridged.ContentType);
        Assert.Equal(direct.Challenge, bridged.Challenge);
        Assert.Equal(direct.Body, bridged.Body);
    }

    private string? _mailId;

    private async Task<string> MailAsync()
    {
        if (_mailId is null)
        {
            await using var host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer);
            _mailId = await stack.ReceiveTestMailAsync(host.As(Roles.Operator), "invoices", "Bridge equivalence");
        }
        return _mailId;
    }

    private static async Task<(int Status, string? ContentType, string? Challenge, string Body)> SendAsync(ApiTestHost host, string method, string path,
        string? token, string? body)
    {
        var client = token is null ? host.Anonymous() : host.WithToken(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(JsonNode.Parse(body));
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
            response.Headers.TryGetValues("WWW-Authenticate", out var challenge) ? string.Join(",", challenge) : null, WithoutClock(text));
    }

    /// <summary>Fields read from the clock (the answer's time, a message's age) differ between two answers milliseconds apart.</summary>
    private static string WithoutClock(string body)
    {
        if (body.Length == 0 || JsonNode.Parse(body) is not { } json)
        {
            return body;
        }
        Strip(json);
        return json.ToJsonString();
    }

    private static void Strip(JsonNode node)
    {
        if (node is JsonObject json)
        {
            json.Remove("checkedAt");
            json.Remove("oldestAgeSeconds");
            foreach (var (_, child) in json)
            {
                if (child is not null)
                {
                    Strip(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                if (child is not null)
                {
                    Strip(child);
                }
            }
        }
    }
}
