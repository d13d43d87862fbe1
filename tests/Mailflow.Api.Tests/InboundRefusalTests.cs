using System.Net;
using System.Text.Json;
using Mailflow.Api.Auth;
using Mailflow.Api.Tests.Support;
using Mailflow.Core.Operations;

namespace Mailflow.Api.Tests;

/// <summary>When the platform behind a switch refuses, the API says which refusal and what to check, and health degrades.</summary>
public sealed class InboundRefusalTests(LocalStack stack) : IClassFixture<LocalStack>
{
    [Theory]
    [InlineData(InboundControlException.Unavailable, HttpStatusCode.ServiceUnavailable)]
    [InlineData(InboundControlException.Denied, HttpStatusCode.BadGateway)]
    [InlineData(InboundControlException.NotFound, HttpStatusCode.BadGateway)]
    public async Task A_refused_switch_answers_with_its_code_and_health_says_the_state_is_unknown(string code, HttpStatusCode status)
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends with { Inbound = new RefusingInboundControl(code) }, ApiTransport.TestServer);

        var pause = await host.As(Roles.Operator).PostAsync("/api/inbound/pause", null);
        var state = await host.As(Roles.Viewer).GetAsync("/api/inbound");
        var health = JsonDocument.Parse(await host.Anonymous().GetStringAsync("/api/health")).RootElement;

        Assert.Equal(status, pause.StatusCode);
        Assert.Equal(status, state.StatusCode);
        var error = JsonDocument.Parse(await pause.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, error.GetProperty("error").GetString());
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("unknown", health.GetProperty("inbound").GetProperty("state").GetString());
        Assert.Equal("unknown", health.GetProperty("worker").GetProperty("state").GetString());
    }
}
