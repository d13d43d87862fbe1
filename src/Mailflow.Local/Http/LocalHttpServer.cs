using System.Net;
using Mailflow.Core.Operations;
using Mailflow.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Http;

/// <summary>
/// The local HTTP listener on Kestrel, loopback only, serving <paramref name="application"/> (the API) over the local
/// backends; without an application it answers 404 to everything.
/// </summary>
public sealed class LocalHttpServer(
    IPEndPoint endpoint,
    OperationsBackends backends,
    ILocalHttpApplication? application,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound base URL (the actual port when 0 was asked for).</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var app = LoopbackWebHost.Create(endpoint, loggerFactory, routing: true,
            configureServices: application is null ? null : services => application.ConfigureServices(services, backends));
        application?.Configure(app);
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
