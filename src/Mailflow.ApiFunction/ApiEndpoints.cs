using System.Reflection;
using Mailflow.Aws.Storage;
using Mailflow.Core.Configuration;
using Mailflow.Core.Envelopes;
using Mailflow.Core.Links;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.ApiFunction;

/// <summary>
/// The endpoints this function serves so far: health, and the attachment links envelopes carry. The link is Mailflow's
/// own HMAC link (valid exactly as long as it claims) and the answer a redirect to an S3 URL presigned now, for a few
/// minutes: a presigned URL in the envelope would die with the Lambda role session that signed it.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>Long enough to start a download, short enough that a leaked redirect is useless soon.</summary>
    public static readonly TimeSpan RedirectLifetime = TimeSpan.FromMinutes(5);

    private static readonly string s_version =
        typeof(ApiEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static IEndpointRouteBuilder MapMailflowApi(this IEndpointRouteBuilder routes, MailflowConfig config, AttachmentLinkSigner links,
        S3AttachmentStore attachments)
    {
        routes.MapGet("/api/health", () =>
            Results.Json(new HealthView("ok", config.Environment, s_version), ApiJsonContext.Default.HealthView));

        routes.MapGet("/api/attachments/{id}", (string id, string? expires, string? token) =>
        {
            if (!links.IsValid(id, expires, token))
            {
                return Error(StatusCodes.Status403Forbidden, "link-invalid", "The link is expired or its token does not match; ask for the envelope again for a fresh link.");
            }
            return StorageKeys.KeyOfLinkId(id) is { } key
                ? Results.Redirect(attachments.PresignGet(key, RedirectLifetime))
                : Error(StatusCodes.Status404NotFound, "not-found", "No stored object has this id.");
        });
        routes.MapFallback(() => Error(StatusCodes.Status404NotFound, "not-found", "No endpoint has this method and path; GET /api/health answers when the API is up."));
        return routes;
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new ErrorView(error, message), ApiJsonContext.Default.ErrorView, statusCode: status);
}
