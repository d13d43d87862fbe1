using System.Text;
using Mailflow.Api;
using Mailflow.Api.Auth;
using Mailflow.Core.Configuration;
using Mailflow.Core.Dashboard;
using Mailflow.Core.Operations;
using Mailflow.Local.Auth;
using Mailflow.Local.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Mailflow.Cli.Hosting;

/// <summary>
/// What <c>mailflow run</c> serves on its HTTP listener: the API over the local backends, trusting the keys
/// mailflow.json names or else the data directory's own signing key, whose public half is published at
/// <c>/.well-known/jwks.json</c> (<c>mailflow token</c> signs with it); and the dashboard at the root.
/// </summary>
internal sealed class LocalApiApplication(LocalSigningKey key, MailflowConfig config) : ILocalHttpApplication
{
    public void ConfigureServices(IServiceCollection services, OperationsBackends backends) =>
        services.AddMailflowApi(backends, ApiAuthSettings.FromConfig(backends.Config.Api, key.PublicJwksJson));

    public void Configure(WebApplication app)
    {
        app.UseMailflowApi();
        app.MapLocalJwks(key);
        // The API is on the page's own origin here, so only the sign-in provider is another origin to call.
        app.MapDashboard(DashboardSite.Embedded, Encoding.UTF8.GetBytes(DashboardSettings.For(config, "", config.Environment).ToJson()),
            DashboardSettings.ContentSecurityPolicy(DashboardSettings.SignInOrigins(config)));
    }
}
