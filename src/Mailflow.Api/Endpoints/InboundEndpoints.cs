using System.Security.Claims;
using Mailflow.Api.Auth;
using Mailflow.Api.Views;
using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// The rollback switches (DESIGN §3): pause/resume processing (operator; mail keeps arriving and waits), disable/enable
/// receiving (admin; senders are refused). Each answer carries the state before and after and what it means now.
/// </summary>
public static class InboundEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/inbound", GetAsync).WithName("inbound").Produces<InboundStatus>();
        api.MapPost("/inbound/pause", (ClaimsPrincipal user, [FromServices] OperationsBackends ops, [FromServices] ApiAudit audit,
            [FromServices] HealthInboundCache health, CancellationToken ct) => ApplyAsync(InboundSwitch.Pause, user, ops, audit, health, ct)).RequireAuthorization(ApiPolicies.Operator).WithName("inboundPause").Produces<InboundChangeView>();
        api.MapPost("/inbound/resume", (ClaimsPrincipal user, [FromServices] OperationsBackends ops, [FromServices] ApiAudit audit,
            [FromServices] HealthInboundCache health, CancellationToken ct) => ApplyAsync(InboundSwitch.Resume, user, ops, audit, health, ct)).RequireAuthorization(ApiPolicies.Operator).WithName("inboundResume").Produces<InboundChangeView>();
        api.MapPost("/inbound/disable", (ClaimsPrincipal user, [FromServices] OperationsBackends ops, [FromServices] ApiAudit audit,
            [FromServices] HealthInboundCache health, CancellationToken ct) => ApplyAsync(InboundSwitch.Disable, user, ops, audit, health, ct)).RequireAuthorization(ApiPolicies.Admin).WithName("inboundDisable").Produces<InboundChangeView>();
        api.MapPost("/inbound/enable", (ClaimsPrincipal user, [FromServices] OperationsBackends ops, [FromServices] ApiAudit audit,
            [FromServices] HealthInboundCache health, CancellationToken ct) => ApplyAsync(InboundSwitch.Enable, user, ops, audit, health, ct)).RequireAuthorization(ApiPolicies.Admin).WithName("inboundEnable").Produces<InboundChangeView>();
    }

    private static async Task<IResult> GetAsync([FromServices] OperationsBackends ops, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Json(await ops.Inbound.GetAsync(cancellationToken).ConfigureAwait(false), ApiJsonContext.Default.InboundStatus);
        }
        catch (InboundControlException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<IResult> ApplyAsync(InboundSwitch change, ClaimsPrincipal user, OperationsBackends ops, ApiAudit audit,
        HealthInboundCache health, CancellationToken cancellationToken)
    {
        var action = change.ToString().ToLowerInvariant();
        try
        {
            var before = await ops.Inbound.GetAsync(cancellationToken).ConfigureAwait(false);
            var after = await ops.Inbound.ApplyAsync(change, cancellationToken).ConfigureAwait(false);
            health.Invalidate();
            await audit.RecordAsync(user, $"inbound.{action}", null, null, $"inbound {before.State} → {after.State}", cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(new InboundChangeView(action, before, after), ApiJsonContext.Default.InboundChangeView);
        }
        catch (InboundControlException ex)
        {
            return Refused(ex);
        }
    }

    /// <summary>
    /// The platform behind the switch refused (AWS: Lambda or SES): 503 when trying again may work (throttling, a change
    /// still applying), 502 otherwise (credentials, a missing rule or mapping). The message says what to check.
    /// </summary>
    private static IResult Refused(InboundControlException ex) =>
        ApiErrors.Of(ex.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway, ex.Code, ex.Message);
}
