using System.Net;
using Mailflow.Core.Links;
using Mailflow.Local.Queues;
using Mailflow.Local.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Http;

/// <summary>The local HTTP listener (health, attachment links, queue browsing) on Kestrel, loopback only.</summary>
public sealed class LocalHttpServer(
    IPEndPoint endpoint,
    HealthProbe health,
    AttachmentLinkSigner links,
    FileAttachmentStore attachments,
    IQueueEngine queues,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound base URL (the actual port when 0 was asked for).</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new InvalidOperationException($"The local HTTP listener serves unauthenticated endpoints, so it binds to loopback only, not {endpoint.Address}.");
        }
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint);
        });
        var app = builder.Build();
        app.UseRouting();
        app.MapLocalHttp(health, links, attachments, queues);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        _app = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
