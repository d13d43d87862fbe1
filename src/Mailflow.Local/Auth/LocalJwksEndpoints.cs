using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mailflow.Local.Auth;

/// <summary>Publishes the public half of the <see cref="LocalSigningKey"/>, where the API's JWT validation (and anyone else) reads it.</summary>
public static class LocalJwksEndpoints
{
    public const string Path = "/.well-known/jwks.json";

    /// <summary>
    /// GET <see cref="Path"/>: the JWKS (RFC 7517 §5), cacheable for five minutes. The key only changes when someone deletes
    /// the file and restarts, and a validator refetches a JWKS when it meets an unknown <c>kid</c> anyway.
    /// </summary>
    public static IEndpointConventionBuilder MapLocalJwks(this IEndpointRouteBuilder endpoints, LocalSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(key);
        var jwks = key.PublicJwksJson;
        return endpoints.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(jwks, "application/json");
        });
    }
}
