using System.Globalization;
using System.Security.Claims;
using Mailflow.Api.Auth;
using Mailflow.Api.Views;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using Mailflow.Core.Redaction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// Ledger search and each mail's timeline (viewer; addresses redacted unless admin), the raw MIME (admin), replay
/// through the inbound pipeline (operator).
/// </summary>
public static class MessageEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/messages", SearchAsync).WithName("messages").Produces<MessagesView>();
        api.MapGet("/messages/{id}", GetAsync).WithName("message").Produces<MessageView>();
        api.MapGet("/messages/{id}/raw", RawAsync).RequireAuthorization(ApiPolicies.Admin).WithName("messageRaw").Produces(StatusCodes.Status200OK, contentType: "message/rfc822");
        api.MapPost("/messages/{id}/replay", ReplayAsync).RequireAuthorization(ApiPolicies.Operator).WithName("messageReplay")
            .Produces<ReplayView>(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> SearchAsync(string? app, string? status, string? since, string? until, string? q, string? cursor, int? limit,
        ClaimsPrincipal user, [FromServices] OperationsBackends ops, CancellationToken cancellationToken)
    {
        if (status is not null && !MessageStatus.IsKnown(status))
        {
            return ApiErrors.BadRequest("invalid-status", $"status '{status}' is not one of {string.Join(", ", MessageStatus.All)}.");
        }
        if (!TryParseTime(since, out var from) || !TryParseTime(until, out var to))
        {
            return ApiErrors.BadRequest("invalid-time", "since and until are ISO 8601 times with an offset, e.g. 2026-11-22T09:00:00Z.");
        }
        if (q is not null && q.Contains('@', StringComparison.Ordinal) && !Caller.SeesAddresses(user))
        {
            // A viewer sees addresses masked; searching for one would tell them who wrote anyway.
            return ApiErrors.Of(StatusCodes.Status403Forbidden, "role-required", "Searching by e-mail address needs the admin role; search by mail id or subject instead.");
        }
        var count = limit ?? DefaultLimit;
        if (count is < 1 or > MaxLimit)
        {
            return ApiErrors.BadRequest("invalid-limit", $"limit {count} is out of range; use 1 to {MaxLimit}.");
        }
        MessagePage page;
        try
        {
            page = await ops.LedgerReader.SearchAsync(new MessageSearch(app, status, from, to, q, cursor, count), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return ApiErrors.BadRequest("invalid-cursor", "The cursor is not one this API issued; start again without it.");
        }
        var redact = !Caller.SeesAddresses(user);
        IReadOnlyList<MessageSummary> items = redact ? [.. page.Items.Select(Redacted)] : page.Items;
        return TypedResults.Json(new MessagesView(items, page.NextCursor, redact), ApiJsonContext.Default.MessagesView);
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, [FromServices] OperationsBackends ops, CancellationToken cancellationToken)
    {
        var summary = await ops.LedgerReader.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return MailNotFound(id);
        }
        var entries = await ops.LedgerReader.TimelineAsync(id, cancellationToken).ConfigureAwait(false);
        var redact = !Caller.SeesAddresses(user);
        var timeline = entries.SelectMany(Timeline.StepsOf)
            .Select(step => redact ? step with { Detail = Redact.AddressesInOrNull(step.Detail), Actor = Redact.AddressesInOrNull(step.Actor) } : step).ToList();
        return TypedResults.Json(new MessageView(redact ? Redacted(summary) : summary, timeline, redact), ApiJsonContext.Default.MessageView);
    }

    private static async Task<IResult> RawAsync(string id, ClaimsPrincipal user, [FromServices] OperationsBackends ops, [FromServices] ApiAudit audit,
        CancellationToken cancellationToken)
    {
        var raw = await ops.Archive.OpenRawAsync(id, cancellationToken).ConfigureAwait(false);
        if (raw is null)
        {
            return ApiErrors.NotFound("raw-mail-not-found", $"No raw mail is stored for {id}; it may be past retention, or it was not a received mail.");
        }
        await audit.RecordAsync(user, "message.raw", null, id, $"downloaded the raw mail of {id}", cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(raw, "message/rfc822", $"{id}.eml");
    }

    private static async Task<IResult> ReplayAsync(string id, ClaimsPrincipal user, [FromServices] OperationsBackends ops, [FromServices] ApiAudit audit,
        CancellationToken cancellationToken)
    {
        if (!await ops.Archive.ReplayAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return ApiErrors.NotFound("raw-mail-not-found", $"No raw mail is stored for {id}, so there is nothing to replay.");
        }
        var now = ops.Time.GetUtcNow();
        var inbound = new QueueNames(ops.Config.Environment).Inbound;
        await ops.Ledger.RecordAsync(new LedgerEntry(id, LedgerEvent.Replayed, now, Queue: inbound, Reason: "replayed by an operator",
            Actor: Caller.Subject(user)), cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(user, "message.replay", inbound, id, $"replayed {id} through the inbound pipeline", cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new ReplayView(id, inbound, $"/api/messages/{Uri.EscapeDataString(id)}"), ApiJsonContext.Default.ReplayView,
            statusCode: StatusCodes.Status202Accepted);
    }

    internal static IResult MailNotFound(string id) =>
        ApiErrors.NotFound("message-not-found", $"The ledger has no mail {id}; GET /api/messages searches it.");

    private static MessageSummary Redacted(MessageSummary summary) => summary with
    {
        From = summary.From is null ? null : Redact.Address(summary.From),
        Recipients = [.. summary.Recipients.Select(Redact.Address)],
        Subject = Redact.AddressesInOrNull(summary.Subject),
    };

    /// <summary>Addresses inside free text (a subject, a reason, an actor named by e-mail) masked; null stays null.</summary>

    private static bool TryParseTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }
}
