using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Mailflow.Cli.Hosting;

/// <summary>
/// Serves the dashboard at the HTTP listener's root under <c>mailflow run</c>: the embedded files, <c>/config.json</c>
/// (the settings the page reads first), with the same security headers CloudFront adds on AWS. Paths under
/// <c>/api/</c> never reach here: the API answers them, including its own 404.
/// </summary>
internal static class DashboardEndpoints
{
    public const string SettingsPath = "/config.json";

    /// <param name="settingsJson">The <c>/config.json</c> document.</param>
    /// <param name="contentSecurityPolicy">The page's CSP: scripts, styles and calls to itself (and an OIDC provider) only.</param>
    public static void MapDashboard(this IEndpointRouteBuilder routes, DashboardSite site, byte[] settingsJson, string contentSecurityPolicy)
    {
        // RequestDelegate overloads: the CLI is trimmed and AOT-compatible, and delegates with parameters need reflection.
        // Not rate-limited like the API: a page load is a dozen module requests, and the files hold no data.
        routes.MapMethods(SettingsPath, [HttpMethods.Get, HttpMethods.Head], context =>
        {
            SecurityHeaders(context.Response, contentSecurityPolicy);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(settingsJson, "application/json; charset=utf-8").ExecuteAsync(context);
        }).DisableRateLimiting();
        // Order after every other endpoint: the API's routes and its /api fallback are more specific and win.
        routes.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], context => Serve(context, site, contentSecurityPolicy).ExecuteAsync(context))
            .DisableRateLimiting();
    }

    private static IResult Serve(HttpContext context, DashboardSite site, string contentSecurityPolicy)
    {
        var path = context.Request.Path.Value ?? "/";
        var response = context.Response;
        SecurityHeaders(response, contentSecurityPolicy);
        if (!site.IsBuilt)
        {
            return Results.Text(
                "The dashboard is not built into this mailflow executable. Run `make build` (it builds dashboard/dist first), then start mailflow run again. The API is under /api.",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!site.TryGet(path, out var file))
        {
            // The page routes with the URL fragment (#/queues), so every real page is "/": anything else is a mistake.
            return Results.Text($"Nothing is served at {path}. The dashboard is at /, the API under /api.", "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status404NotFound);
        }
        // No hashed file names: the browser revalidates every time, and an unchanged file costs one 304.
        response.Headers.CacheControl = "no-cache";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        var gzip = AcceptsGzip(context.Request);
        // Each representation its own strong validator (RFC 9110 §8.8.3): the gzip bytes are not the file's bytes.
        var etag = gzip ? file.GzipETag : file.ETag;
        response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }
        return Results.Bytes(gzip ? file.Gzip : file.Content, file.ContentType);
    }

    /// <summary>Whether Accept-Encoding names gzip (or *) with a non-zero quality (RFC 9110 §12.5.3: q=0 means "not acceptable").</summary>
    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(coding =>
            (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value.Equals("*", StringComparison.Ordinal))
            && (coding.Quality ?? 1) > 0);

    private static void SecurityHeaders(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
