using System.Text.Json;
using Mailflow.Api.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mailflow.Api.Tests;

public sealed class OpenApiTests(LocalStack stack) : IClassFixture<LocalStack>
{
    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint_the_API_maps()
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer);
        var mapped = host.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText is { } pattern && pattern.StartsWith("/api/", StringComparison.Ordinal)
                && !pattern.Contains("{*", StringComparison.Ordinal) && pattern != "/api/openapi.json")
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} {endpoint.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);

        var document = JsonDocument.Parse(await host.Anonymous().GetStringAsync("/api/openapi.json")).RootElement;
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(mapped.Count >= 23, $"only {mapped.Count} endpoints found: {string.Join(", ", mapped)}");
        Assert.Empty(mapped.Except(described));
        Assert.Equal("Mailflow API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }
}
