using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Hosting;

/// <summary>
/// The bare Kestrel host local mode's HTTP listeners share: no configuration files, no environment, one endpoint,
/// Mailflow's logger factory. Local listeners check no credentials, so they bind to loopback addresses only.
/// </summary>
public static class LoopbackWebHost
{
    /// <param name="configureServices">Adds the served application's services before the host is built.</param>
    public static WebApplication Create(IPEndPoint endpoint, ILoggerFactory loggers, long? maxRequestBodyBytes = null, bool routing = false,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new ArgumentException(
                $"Local listeners check no credentials, so they bind to a loopback address (127.0.0.1 or ::1), not {endpoint.Address}.", nameof(endpoint));
        }
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        if (routing)
        {
            builder.Services.AddRoutingCore();
        }
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (maxRequestBodyBytes is { } limit)
            {
                kestrel.Limits.MaxRequestBodySize = limit;
            }
            kestrel.Listen(endpoint);
        });
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Starts the app and returns the URL it is bound to (the actual port when 0 was asked for).</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing listens (the port is taken, say): release what Build created and let the caller see why.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a)).ToList();
        if (addresses.Count != 1 || !IPAddress.TryParse(addresses[0].Host.Trim('[', ']'), out var bound) || !IPAddress.IsLoopback(bound))
        {
            // The served application added listeners of its own: local listeners check no credentials, so refuse to run.
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"A local listener must listen on its one loopback endpoint only, but it is bound to {string.Join(", ", addresses)}.");
        }
        return addresses[0];
    }
}
