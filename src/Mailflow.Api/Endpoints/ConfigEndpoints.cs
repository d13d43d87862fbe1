using System.Text.Json;
using Mailflow.Api.Views;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// <c>GET /api/config</c>: the configuration as loaded (mailflow.json with the defaults of its sections filled in), and
/// <c>GET /api/config/effective</c>: the merged rules the pipeline applies (<see cref="EffectiveConfigView"/>). mailflow.json holds no secret values by
/// design (a relay password is named by the environment variable that holds it), and the relay's user name is
/// removed here as well: it is half of a credential.
/// </summary>
public static class ConfigEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/config", ([FromServices] OperationsBackends ops) => TypedResults.Text(Serialize(ops.Config), "application/json"))
            .WithName("config").Produces(StatusCodes.Status200OK, contentType: "application/json");
        // The dashboard's Apps and routes page shows what applies, not only what is written (issue 8).
        api.MapGet("/config/effective", ([FromServices] OperationsBackends ops) =>
                TypedResults.Json(EffectiveConfigView.From(ops.Config), ApiJsonContext.Default.EffectiveConfigView))
            .WithName("configEffective").Produces<EffectiveConfigView>();
    }

    public static string Serialize(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var relay = config.Outbound.Relay;
        var shown = relay?.Username is null
            ? config
            : config with { Outbound = config.Outbound with { Relay = relay with { Username = null } } };
        return JsonSerializer.Serialize(shown, ConfigJsonContext.Default.MailflowConfig);
    }
}
