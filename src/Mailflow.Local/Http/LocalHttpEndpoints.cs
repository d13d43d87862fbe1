using Mailflow.Core.Envelopes;
using Mailflow.Core.Links;
using Mailflow.Local.Queues;
using Mailflow.Local.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Local.Http;

/// <summary>
/// The local HTTP listener's endpoints: health, attachment downloads behind signed expiring links, and queue
/// browsing. Bound to 127.0.0.1 only; the JWT-protected API of the API issue will take these over.
/// </summary>
public static class LocalHttpEndpoints
{
    public static IEndpointRouteBuilder MapLocalHttp(this IEndpointRouteBuilder routes, HealthProbe health, AttachmentLinkSigner links,
        FileAttachmentStore attachments, IQueueEngine queues)
    {
        routes.MapGet("/health", async (CancellationToken ct) =>
            Results.Json(await health.CheckAsync(ct), LocalHttpJsonContext.Default.HealthReport));

        routes.MapGet("/api/queues", async (CancellationToken ct) =>
            Results.Json(await health.QueuesAsync(ct), LocalHttpJsonContext.Default.IReadOnlyListQueueHealth));

        routes.MapGet("/api/queues/{name}/messages", async (string name, int? max, CancellationToken ct) =>
        {
            if (await queues.GetQueueAsync(name, ct) is null)
            {
                return Error(StatusCodes.Status404NotFound, "queue-not-found", $"There is no queue named {name}; GET /api/queues lists them.");
            }
            var peeked = await queues.PeekAsync(name, Math.Clamp(max ?? 10, 1, 100), ct);
            IReadOnlyList<PeekedMessageView> view = [.. peeked.Select(m => new PeekedMessageView(m.MessageId, m.Body,
                m.Attributes.ToDictionary(a => a.Key, a => a.Value.StringValue), m.ReceiveCount, m.SentAt, m.InFlight))];
            return Results.Json(view, LocalHttpJsonContext.Default.IReadOnlyListPeekedMessageView);
        });

        routes.MapGet("/api/attachments/{id}", (string id, string? expires, string? token) =>
        {
            if (!links.IsValid(id, expires, token))
            {
                return Error(StatusCodes.Status403Forbidden, "link-invalid", "The link is expired or its token does not match; ask for the envelope again for a fresh link.");
            }
            var key = StorageKeys.KeyOfLinkId(id);
            var content = key is null ? null : attachments.OpenRead(key);
            return content is null
                ? Error(StatusCodes.Status404NotFound, "not-found", "Nothing is stored under this id any more; it may have passed its retention.")
                : Results.Stream(content, id.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream", id);
        });
        return routes;
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new ErrorView(error, message), LocalHttpJsonContext.Default.ErrorView, statusCode: status);
}
