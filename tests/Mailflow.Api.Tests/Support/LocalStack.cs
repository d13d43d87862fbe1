using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Mailflow.Local.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Api.Tests.Support;

/// <summary>
/// Local mode's real backends for the API: the gateway <c>mailflow run</c> composes (SQLite queues and ledger, file
/// stores, the SMTP receipt path, the worker) in a temporary data directory, listeners on free loopback ports.
/// </summary>
public sealed class LocalStack : IAsyncLifetime
{
    public static MailflowConfig Config(int requestsPerMinute = 600) => new()
    {
        Environment = "apitest",
        Domains = ["acme.test"],
        Apps = [new AppConfig { Name = "invoices" }, new AppConfig { Name = "support" }],
        Api = new ApiConfig { DashboardOrigin = "https://dashboard.acme.test", RequestsPerMinute = requestsPerMinute },
    };

    private readonly string _data = Directory.CreateTempSubdirectory("mailflow-api-").FullName;
    private readonly MailflowConfig _config;
    private LocalGateway? _gateway;

    public LocalStack() => _config = Config();

    /// <summary>A stack with another configuration, for tests that start their own.</summary>
    public static LocalStack With(MailflowConfig config) => new(config);

    private LocalStack(MailflowConfig config) => _config = config;

    public OperationsBackends Backends => _gateway!.Operations;

    public QueueNames Queues => new(_config.Environment);

    public async Task InitializeAsync()
    {
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        _gateway = await LocalGateway.StartAsync(new LocalGatewayOptions(_config, _data, loopback, loopback, loopback),
            NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _gateway.StopAsync(grace.Token);
            await _gateway.DisposeAsync();
        }
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>Sends a test mail to <paramref name="app"/> through the API and waits until the worker has routed it.</summary>
    public async Task<string> ReceiveTestMailAsync(HttpClient operatorClient, string app, string? subject = null)
    {
        var response = await operatorClient.PostAsJsonAsync("/api/test/inbound", new { app, subject });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mailId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mailId").GetString()!;
        await WaitForStatusAsync(mailId, "routed");
        return mailId;
    }

    /// <summary>Polls the ledger until the mail has <paramref name="status"/> (the worker runs in the background).</summary>
    public async Task WaitForStatusAsync(string mailId, string status)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if ((await Backends.LedgerReader.GetAsync(mailId, CancellationToken.None))?.Status == status)
            {
                return;
            }
            await Task.Delay(50);
        }
        var summary = await Backends.LedgerReader.GetAsync(mailId, CancellationToken.None);
        Assert.Fail($"{mailId} did not reach {status} within 20 s; it is {summary?.Status ?? "not in the ledger"}.");
    }
}
