using System.Security.Claims;
using Mailflow.Api.Auth;
using Mailflow.Api.Views;
using Mailflow.Core.Operations;
using Mailflow.Core.Redaction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// Queue depths and browsing (viewer), redrive of a dead-letter queue (operator), purge (admin, with the queue's name
/// repeated in the body: a purge cannot be undone).
/// </summary>
public static class QueueEndpoints
{
    public const int DefaultRedriveRate = 50;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/queues", ListAsync).WithName("queues").Produces<QueuesView>();
        api.MapGet("/queues/{name}/messages", BrowseAsync).WithName("queueMessages").Produces<QueueBrowse>();
        api.MapPost("/queues/{name}/redrive", RedriveAsync).RequireAuthorization(ApiPolicies.Operator).WithName("queueRedrive")
            .Produces<RedriveProgress>(StatusCodes.Status202Accepted);
        api.MapGet("/queues/{name}/redrive/{taskId}", RedriveProgressAsync).WithName("queueRedriveProgress").Produces<RedriveProgress>();
        api.MapPost("/queues/{name}/purge", PurgeAsync).RequireAuthorization(ApiPolicies.Admin).WithName("queuePurge").Produces<PurgeView>();
    }

    private static async Task<IResult> ListAsync([FromServices] OperationsBackends ops, CancellationToken cancellationToken) =>
        TypedResults.Json(new QueuesView(await ops.Queues.ListAsync(cancellationToken).ConfigureAwait(false)), ApiJsonContext.Default.QueuesView);

    private static async Task<IResult> BrowseAsync(string name, int? max, ClaimsPrincipal user, [FromServices] OperationsBackends ops,
        CancellationToken cancellationToken)
    {
        var count = max ?? 10;
        if (count is < 1 or > 100)
        {
            return ApiErrors.BadRequest("invalid-max", $"max {count} is out of range; ask for 1 to 100 messages.");
        }
        var browse = await ops.Queues.BrowseAsync(name, count, cancellationToken).ConfigureAwait(false);
        if (browse is null)
        {
            return QueueNotFound(name);
        }
        return TypedResults.Json(Caller.SeesAddresses(user) ? browse : Redacted(browse), ApiJsonContext.Default.QueueBrowse);
    }

    /// <summary>Envelopes are full of addresses; outside admins they are masked in bodies and attributes alike.</summary>
    private static QueueBrowse Redacted(QueueBrowse browse) => browse with
    {
        Messages = [.. browse.Messages.Select(message => message with
        {
            Body = JsonRedaction.AddressesInBody(message.Body),
            Attributes = message.Attributes.ToDictionary(attribute => attribute.Key, attribute => (string?)Redact.AddressesIn(attribute.Value)),
        })],
        Note = (browse.Note is null ? "" : browse.Note + " ") + "Addresses are masked; an admin token shows them in full.",
    };

    private static async Task<IResult> RedriveAsync(string name, HttpRequest http, ClaimsPrincipal user, [FromServices] OperationsBackends ops,
        [FromServices] ApiAudit audit, CancellationToken cancellationToken)
    {
        var (request, invalid) = await ApiBody.ReadAsync(http, ApiJsonContext.Default.RedriveRequest, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }
        var rate = request?.MaxMessagesPerSecond ?? DefaultRedriveRate;
        if (rate is < 1 or > RedriveRates.Max)
        {
            return ApiErrors.BadRequest("invalid-rate", $"maxMessagesPerSecond {rate} is out of range; use 1 to {RedriveRates.Max}.");
        }
        try
        {
            var progress = await ops.Queues.StartRedriveAsync(name, rate, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(user, "queue.redrive", name, null, $"redrive of {name} started at {rate} messages/s, task {progress.TaskId}",
                cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(progress, ApiJsonContext.Default.RedriveProgress, statusCode: StatusCodes.Status202Accepted);
        }
        catch (QueueOperationException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<IResult> RedriveProgressAsync(string name, string taskId, [FromServices] OperationsBackends ops, CancellationToken cancellationToken)
    {
        try
        {
            var progress = await ops.Queues.GetRedriveAsync(name, taskId, cancellationToken).ConfigureAwait(false);
            return progress is null
                ? ApiErrors.NotFound("task-not-found", $"{name} has no redrive task {taskId}; POST /api/queues/{name}/redrive starts one.")
                : TypedResults.Json(progress, ApiJsonContext.Default.RedriveProgress);
        }
        catch (QueueOperationException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<IResult> PurgeAsync(string name, HttpRequest http, ClaimsPrincipal user, [FromServices] OperationsBackends ops,
        [FromServices] ApiAudit audit, CancellationToken cancellationToken)
    {
        var (request, invalid) = await ApiBody.ReadAsync(http, ApiJsonContext.Default.PurgeRequest, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }
        if (!string.Equals(request?.Confirm, name, StringComparison.Ordinal))
        {
            return ApiErrors.BadRequest("confirmation-required",
                $"A purge deletes every message of {name} and cannot be undone; send {{\"confirm\": \"{name}\"}} to confirm.");
        }
        try
        {
            var deleted = await ops.Queues.PurgeAsync(name, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(user, "queue.purge", name, null, deleted is { } n ? $"purged {name}: {n} messages deleted" : $"purged {name}",
                cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(new PurgeView(name, deleted), ApiJsonContext.Default.PurgeView);
        }
        catch (QueueOperationException ex)
        {
            return Refused(ex);
        }
    }

    private static IResult QueueNotFound(string name) =>
        ApiErrors.NotFound(QueueOperationException.NotFound, $"There is no Mailflow queue named {name}; GET /api/queues lists them.");

    private static IResult Refused(QueueOperationException ex) => ex.Code == QueueOperationException.NotFound
        ? ApiErrors.NotFound(ex.Code, ex.Message)
        : ApiErrors.Conflict(ex.Code, ex.Message);
}
