using Microsoft.AspNetCore.Http.Features;

namespace Mailflow.Lambda.AspNetCore;

/// <summary>
/// The request as ASP.NET Core reads it, plus whether it has a body: minimal APIs bind a JSON body only when
/// <see cref="IHttpRequestBodyDetectionFeature.CanHaveBody"/> says so (Kestrel decides from Content-Length or chunking).
/// </summary>
internal sealed class ApiGatewayRequestFeature : HttpRequestFeature, IHttpRequestBodyDetectionFeature
{
    public bool CanHaveBody { get; init; }
}
