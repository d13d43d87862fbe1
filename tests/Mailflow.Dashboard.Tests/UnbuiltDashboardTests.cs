using System.Net;
using Mailflow.Cli.Hosting;
using Mailflow.Local.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Dashboard.Tests;

/// <summary>A mailflow executable built without dashboard/dist (dotnet build alone): the root says how to get the page.</summary>
public sealed class UnbuiltDashboardTests
{
    [Fact]
    public async Task Without_the_built_files_the_root_answers_503_saying_to_run_make_build()
    {
        var site = DashboardSite.FromAssembly(typeof(object).Assembly);
        Assert.False(site.IsBuilt);
        await using var app = LoopbackWebHost.Create(new IPEndPoint(IPAddress.Loopback, 0), NullLoggerFactory.Instance, routing: true);
        app.MapDashboard(site, "{}"u8.ToArray(), "default-src 'self'");
        var url = await LoopbackWebHost.StartAsync(app, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = url };

        using var response = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("The dashboard is not built into this mailflow executable. Run `make build`", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
