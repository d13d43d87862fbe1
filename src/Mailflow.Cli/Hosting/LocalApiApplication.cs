using System.Text.Json;
using Mailflow.Api;
using Mailflow.Api.Auth;
using Mailflow.Core.Configuration;
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
        app.MapDashboard(DashboardSite.Embedded, SettingsJson(config), LocalContentSecurityPolicy);
    }

    /// <summary>Like CloudFront's policy on AWS (cdk Dashboard): the page, its API and nothing else.</summary>
    private const string LocalContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static byte[] SettingsJson(MailflowConfig config)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("apiBaseUrl", "");
            json.WriteString("environment", config.Environment);
            json.WriteNull("oidc");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
