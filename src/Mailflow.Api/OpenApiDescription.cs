using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mailflow.Api;

/// <summary>The document's title, version and bearer security scheme.</summary>
public sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Mailflow API",
            Version = Endpoints.HealthEndpoints.Version,
            Description = "Operations API of the Mailflow mail gateway. Bearer JWT (RS256/ES256) with a roles claim: viewer, operator, admin.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
        };
        return Task.CompletedTask;
    }
}
