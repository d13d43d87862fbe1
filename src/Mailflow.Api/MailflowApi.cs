using Mailflow.Api.Auth;
using Mailflow.Api.Endpoints;
using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Api;

/// <summary>
/// The API as both hosts add it: <see cref="AddMailflowApi"/> registers auth, CORS, rate limiting and OpenAPI over the
/// host's <see cref="OperationsBackends"/>; <see cref="UseMailflowApi"/> adds the middleware and maps every endpoint
/// group under <c>/api</c>. Reads like the list of what the API is.
/// </summary>
public static class MailflowApi
{
    private const string CorsPolicy = "dashboard";

    public static IServiceCollection AddMailflowApi(this IServiceCollection services, OperationsBackends backends, ApiAuthSettings auth)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(auth);
        services.AddSingleton(backends);
        services.AddSingleton(new ApiAudit(backends));
        services.AddSingleton(HealthInboundCache.For(backends));
        services.AddRouting();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer => ConfigureBearer(bearer, auth, backends.Time));
        services.AddAuthorization(ApiPolicies.Add);
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (backends.Config.Api.DashboardOrigin is { } origin)
            {
                policy.WithOrigins(origin).WithHeaders("Authorization", "Content-Type").WithMethods("GET", "POST");
            }
        }));
        services.AddRateLimiter(limiter => ApiRateLimits.Configure(limiter, backends.Config.Api.RequestsPerMinute));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer(new OpenApiDescription()));
        return services;
    }

    public static WebApplication UseMailflowApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(errors => errors.Run(context => ApiErrors.WriteAsync(context.Response, StatusCodes.Status500InternalServerError,
            "internal-error", "The API failed to answer; the failure is in its log. Retry, and report it if it persists.")));
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        MapEndpoints(app);
        return app;
    }

    private static void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireAuthorization(ApiPolicies.Viewer).RequireCors(CorsPolicy);
        HealthEndpoints.Map(api);
        MetricsEndpoints.Map(api);
        QueueEndpoints.Map(api);
        MessageEndpoints.Map(api);
        AttachmentEndpoints.Map(api);
        InboundEndpoints.Map(api);
        ConfigEndpoints.Map(api);
        RouteEndpoints.Map(api);
        TestEndpoints.Map(api);
        AuditEndpoints.Map(api);
        routes.MapOpenApi("/api/openapi.json").AllowAnonymous();
        api.MapFallback(() => ApiErrors.NotFound("not-found", "No endpoint has this method and path; GET /api/openapi.json lists them.")).AllowAnonymous();
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, ApiAuthSettings auth, TimeProvider time)
    {
        // Claims keep their JWT names (sub, roles): the default maps them to long WS-Federation URIs.
        bearer.MapInboundClaims = false;
        bearer.TimeProvider = time;
        var keys = auth.JwksJson is { } json ? new JsonWebKeySet(json).GetSigningKeys() : null;
        bearer.TokenValidationParameters = TokenValidationFactory.Create(auth, keys);
        if (auth.JwksUrl is { } url)
        {
            bearer.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(url.AbsoluteUri, new JwksRetriever(),
                new HttpDocumentRetriever { RequireHttps = url.Scheme == Uri.UriSchemeHttps || !url.IsLoopback });
        }
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = BearerChallenges.TokenValidatedAsync,
            OnChallenge = BearerChallenges.ChallengeAsync,
            OnForbidden = BearerChallenges.ForbiddenAsync,
        };
    }
}
