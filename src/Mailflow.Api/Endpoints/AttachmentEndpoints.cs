using Mailflow.Core.Envelopes;
using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// <c>GET /api/attachments/{id}?expires=&amp;token=</c>: the links envelopes carry. No bearer token: the link's own HMAC
/// token with its expiry is the credential (apps fetch attachments without a Mailflow login). On AWS the answer is a
/// redirect to an S3 URL presigned now for a few minutes (a presigned URL in the envelope would die with the role
/// session that signed it — LESSONS.md); locally the bytes.
/// </summary>
public static class AttachmentEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        // Not rate-limited: apps fetch attachments in bulk, and each link is its own credential, valid for one object.
        api.MapGet("/attachments/{id}", DownloadAsync).AllowAnonymous().DisableRateLimiting().WithName("attachment")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status302Found);

    private static async Task<IResult> DownloadAsync(string id, string? expires, string? token, [FromServices] OperationsBackends ops,
        CancellationToken cancellationToken)
    {
        if (!ops.Links.IsValid(id, expires, token))
        {
            return ApiErrors.Of(StatusCodes.Status403Forbidden, "link-invalid",
                "The link is expired or its token does not match; ask for the envelope again for a fresh link.");
        }
        var download = StorageKeys.KeyOfLinkId(id) is { } key ? await ops.Downloads.OpenAsync(key, cancellationToken).ConfigureAwait(false) : null;
        return download switch
        {
            { RedirectTo: { } url } => TypedResults.Redirect(url.AbsoluteUri),
            { Content: { } content } => TypedResults.Stream(content, id.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream", id),
            _ => ApiErrors.NotFound("not-found", "Nothing is stored under this id any more; it may have passed its retention."),
        };
    }
}
