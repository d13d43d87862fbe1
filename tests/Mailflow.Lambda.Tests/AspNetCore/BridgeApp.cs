using System.Text;
using Mailflow.Lambda.AspNetCore;
using Mailflow.Lambda.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailflow.Lambda.Tests.AspNetCore;

/// <summary>
/// A minimal API app built as the API function builds its own (slim builder, request delegate generator, source-generated
/// JSON), served through <see cref="ApiGatewayServer"/> by <see cref="Mailflow.Lambda.Runtime.LambdaHost"/> against the harness.
/// </summary>
public sealed class BridgeApp : IAsyncLifetime
{
    private WebApplication? _app;

    public InProcessFunction Function { get; private set; } = null!;

    public async Task InitializeAsync() => Function = await InProcessFunction.StartAsync(async cancellationToken =>
    {
        _app = Build();
        return await _app.StartApiGatewayHandlerAsync(cancellationToken);
    });

    public async Task DisposeAsync()
    {
        await Function.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseApiGatewayServer();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, BridgeJsonContext.Default));
        var app = builder.Build();
        app.MapGet("/api/health", () => TypedResults.Ok(new Health("ok")));
        app.MapGet("/api/echo", (HttpContext context, [FromQuery] string? q) => TypedResults.Ok(new Echo(
            context.Request.Method,
            context.Request.Scheme,
            context.Request.Host.Value ?? "",
            context.Request.Protocol,
            context.Request.PathBase.Value ?? "",
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            q,
            context.Request.Headers["x-custom"].ToString(),
            context.Request.Cookies["session"],
            context.Request.Cookies["theme"],
            context.TraceIdentifier,
            context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        app.MapGet("/api/items/{id}", (string id) => TypedResults.Text(id));
        app.MapPost("/api/uploads", async (HttpRequest request, [FromQuery] string? name) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            request.HttpContext.Response.Headers["x-name"] = name;
            return TypedResults.Bytes(body.ToArray(), request.ContentType);
        });
        app.MapPost("/api/notes", (Note note) => TypedResults.Created("/api/notes/1", note with { Priority = note.Priority + 1 }));
        app.MapGet("/api/cookies", (HttpResponse response) =>
        {
            response.Cookies.Append("session", "s-1", new CookieOptions { HttpOnly = true, Expires = new DateTimeOffset(2026, 12, 24, 8, 0, 0, TimeSpan.Zero) });
            response.Cookies.Append("theme", "dark");
            response.Headers.Append("x-multi", "one");
            response.Headers.Append("x-multi", "two");
            response.Headers.CacheControl = "no-store";
            return TypedResults.Text("made", "text/plain", Encoding.UTF8, StatusCodes.Status201Created);
        });
        app.MapGet("/api/status/{code:int}", (int code) => TypedResults.StatusCode(code));
        app.MapGet("/api/text", () => TypedResults.Text("grüße ✓", "text/plain; charset=utf-8"));
        app.MapGet("/api/latin1", () => TypedResults.Bytes([0x67, 0x72, 0xFC, 0xDF, 0x65], "text/plain; charset=iso-8859-1"));
        app.MapGet("/api/boom", string () => throw new InvalidOperationException("boom"));
        return app;
    }
}
