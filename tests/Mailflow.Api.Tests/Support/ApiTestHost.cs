using System.Net.Http.Headers;
using Mailflow.Api.Auth;
using Mailflow.Core.Operations;
using Mailflow.Lambda.AspNetCore;
using Mailflow.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailflow.Api.Tests.Support;

/// <summary>
/// The API app built exactly as its hosts build it (<see cref="MailflowApi.AddMailflowApi"/> + <see cref="MailflowApi.UseMailflowApi"/>)
/// over real backends, reached in process through TestServer (what WebApplicationFactory wraps) or through the API
/// Gateway v2 bridge. Tokens are signed by <see cref="TestKeys"/>.
/// </summary>
public sealed class ApiTestHost : IAsyncDisposable
{
    public static readonly ApiAuthSettings Auth = new(TestTokens.Issuer, TestTokens.Audience, null, TestKeys.TrustedJwks);

    private readonly WebApplication _app;
    private readonly HttpMessageHandler _handler;

    private ApiTestHost(WebApplication app, HttpMessageHandler handler)
    {
        _app = app;
        _handler = handler;
    }

    public static async Task<ApiTestHost> StartAsync(OperationsBackends backends, ApiTransport transport, ApiAuthSettings? auth = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (transport == ApiTransport.TestServer)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseApiGatewayServer();
        }
        builder.Services.AddMailflowApi(backends, auth ?? Auth);
        var app = builder.Build();
        app.UseMailflowApi();
        await app.StartAsync();
        HttpMessageHandler handler = transport == ApiTransport.TestServer
            ? app.GetTestServer().CreateHandler()
            : new BridgeHttpHandler((ApiGatewayServer)app.Services.GetRequiredService<IServer>());
        return new ApiTestHost(app, handler);
    }

    /// <summary>The app's services (its endpoint data source, for the OpenAPI coverage test).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous() => new(_handler, disposeHandler: false) { BaseAddress = new Uri("http://mailflow.test") };

    /// <summary>A client sending <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client with a valid token of <paramref name="role"/>.</summary>
    public HttpClient As(string role, string subject = "tester") => WithToken(TestTokens.Mint(role, subject));

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
