using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mailflow.Lambda.AspNetCore;

/// <summary>Hosting an ASP.NET Core application on Lambda behind an API Gateway HTTP API.</summary>
public static class ApiGatewayHostingExtensions
{
    /// <summary>
    /// Replaces the host's server (Kestrel, which WebApplication builders register first) with <see cref="ApiGatewayServer"/>
    /// and registers <see cref="ApiGatewayHandler"/>. Nothing listens on a port; requests come from invocations.
    /// </summary>
    public static IWebHostBuilder UseApiGatewayServer(this IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services =>
        {
            services.RemoveAll<IServer>();
            services.AddSingleton<ApiGatewayServer>();
            services.AddSingleton<IServer>(provider => provider.GetRequiredService<ApiGatewayServer>());
            services.AddSingleton<ApiGatewayHandler>();
        });
    }

    /// <summary>
    /// Starts the host (its hosted services too) and returns the handler for <c>LambdaHost.RunAsync</c>: starting it in the
    /// init phase puts the application's start-up cost in the cold start, once, not in the first request.
    /// </summary>
    public static async Task<ApiGatewayHandler> StartApiGatewayHandlerAsync(this IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host.Services.GetRequiredService<ApiGatewayHandler>();
    }
}
