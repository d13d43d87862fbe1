using Mailflow.Api;
using Mailflow.Api.Auth;
using Mailflow.Core.Operations;
using Mailflow.Local.Auth;
using Mailflow.Local.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Mailflow.Cli.Hosting;

/// <summary>
/// What <c>mailflow run</c> serves on its HTTP listener: the API over the local backends, trusting the keys
/// mailflow.json names or else the data directory's own signing key, whose public half is published at
/// <c>/.well-known/jwks.json</c> (<c>mailflow token</c> signs with it).
/// </summary>
internal sealed class LocalApiApplication(LocalSigningKey key) : ILocalHttpApplication
{
    public void ConfigureServices(IServiceCollection services, OperationsBackends backends) =>
        services.AddMailflowApi(backends, ApiAuthSettings.FromConfig(backends.Config.Api, key.PublicJwksJson));

    public void Configure(WebApplication app)
    {
        app.UseMailflowApi();
        app.MapLocalJwks(key);
    }
}
