using Mailflow.Core.Operations;
using Mailflow.Local.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mailflow.Local.Tests.Operations;

/// <summary>A stand-in for the API: keeps the backends it was given and answers <c>GET /api/host</c> with their host.</summary>
internal sealed class RecordingHttpApplication : ILocalHttpApplication
{
    public OperationsBackends? Backends { get; private set; }

    public void ConfigureServices(IServiceCollection services, OperationsBackends backends)
    {
        Backends = backends;
        services.AddSingleton(backends);
    }

    public void Configure(WebApplication app)
    {
        app.MapGet("/api/host", (HttpContext http) => http.RequestServices.GetRequiredService<OperationsBackends>().Host);
    }
}
