using System.Net;
using Mailflow.Local.Auth;
using Mailflow.Local.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Mailflow.Local.Tests.Auth;

/// <summary>The JWKS endpoint over a real loopback listener: what a JWT validator fetches.</summary>
public sealed class LocalJwksEndpointsTests
{
    [Fact]
    public async Task The_JWKS_is_served_as_JSON_cacheable_for_five_minutes()
    {
        var root = Directory.CreateTempSubdirectory("mailflow-jwks-").FullName;
        using var key = LocalSigningKey.LoadOrCreate(new DataDirectory(root));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapLocalJwks(key);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            using var response = await client.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl!.MaxAge);
            Assert.Equal(key.PublicJwksJson, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
