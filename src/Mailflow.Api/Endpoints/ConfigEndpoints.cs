using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// <c>GET /api/config</c>: the effective configuration, defaults filled in. mailflow.json holds no secret values by
/// design (a relay password is named by the environment variable that holds it), and the relay's user name is
/// removed here as well: it is half of a credential.
/// </summary>
public static class ConfigEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/config", ([FromServices] OperationsBackends ops) => TypedResults.Text(Serialize(ops.Config), "application/json"))
            .WithName("config").Produces(StatusCodes.Status200OK, contentType: "application/json");

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
