using System.Security.Claims;
using Mailflow.Api.Auth;
using Mailflow.Api.Views;
using Mailflow.Core.Redaction;
using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Api.Endpoints;

/// <summary><c>GET /api/audit</c>: the operator and admin actions the ledger recorded, newest first.</summary>
public static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/audit", ListAsync).WithName("audit").Produces<AuditView>();

    private static async Task<IResult> ListAsync(string? cursor, int? limit, ClaimsPrincipal user, [FromServices] OperationsBackends ops,
        CancellationToken cancellationToken)
    {
        var count = limit ?? MessageEndpoints.DefaultLimit;
        if (count is < 1 or > MessageEndpoints.MaxLimit)
        {
            return ApiErrors.BadRequest("invalid-limit", $"limit {count} is out of range; use 1 to {MessageEndpoints.MaxLimit}.");
        }
        AuditPage page;
        try
        {
            page = await ops.LedgerReader.AuditAsync(cursor, count, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return ApiErrors.BadRequest("invalid-cursor", "The cursor is not one this API issued; start again without it.");
        }
        var redact = !Caller.SeesAddresses(user);
        IReadOnlyList<AuditItem> items = [.. page.Items.Select(entry => new AuditItem(entry.MailId, entry.At,
            redact ? Redact.AddressesInOrNull(entry.Actor) : entry.Actor, entry.ReasonCode ?? "unknown", entry.Queue ?? entry.EnvelopeId,
            redact ? Redact.AddressesInOrNull(entry.Reason) : entry.Reason))];
        return TypedResults.Json(new AuditView(items, page.NextCursor), ApiJsonContext.Default.AuditView);
    }
}
