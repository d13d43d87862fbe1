using System.Net;
using Mailflow.Core.Links;
using Mailflow.Local.Hosting;
using Mailflow.Local.Queues;
using Mailflow.Local.Storage;
using Microsoft.AspNetCore.Builder;
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
        var app = LoopbackWebHost.Create(endpoint, loggerFactory, routing: true);
        app.UseRouting();
        app.MapLocalHttp(health, links, attachments, queues);
        Url = await LoopbackWebHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
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
