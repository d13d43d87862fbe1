using System.Net;
using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Envelopes;
using Mailflow.Local.Hosting;
using Mailflow.Local.Ledger;
using Mailflow.Local.Operations;
using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Smtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Local.Tests.Operations;

/// <summary>The operations backends as <c>mailflow run</c> composes them: a real gateway with its SMTP listener, worker and HTTP listener.</summary>
public sealed class LocalGatewayOperationsTests : IAsyncLifetime
{
    private const string App1 = "mailflow-local-app1";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("mailflow-gateway-operations-").FullName;
    private readonly RecordingHttpApplication _application = new();
    private LocalGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var options = new LocalGatewayOptions(DefaultConfig.Instance, _dataDirectory, loopback, loopback, loopback) { HttpApplication = _application };
        _gateway = await LocalGateway.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    [Fact]
    public async Task Replay_puts_the_same_deterministic_envelope_on_the_app_queue_as_the_first_processing()
    {
        var mailId = await SendOverSmtpAsync("sender@client.example", "_app1@example.com");
        var first = Assert.Single(await EnvelopesOnAsync(App1, count: 1));

        var replayed = await _gateway.Operations.Archive.ReplayAsync(mailId, CancellationToken.None);
        var both = await EnvelopesOnAsync(App1, count: 2);

        Assert.True(replayed);
        Assert.Equal(StorageKeys.EnvelopeId(mailId, "app1"), first.Id);
        Assert.All(both, envelope => Assert.Equal((first.Id, mailId), (envelope.Id, envelope.SesMessageId)));
        Assert.Equal(first.Envelope.Recipients, both[1].Envelope.Recipients);
    }

    [Fact]
    public async Task An_injected_mail_is_processed_like_one_received_over_SMTP()
    {
        var mime = "From: ops@client.example\r\nTo: _app1@example.com\r\nSubject: test\r\n\r\nhello\r\n"u8.ToArray();

        var mailId = await _gateway.Operations.Archive.InjectAsync(new MemoryStream(mime), "ops@client.example", ["_app1@example.com"], CancellationToken.None);

        Assert.Equal(StorageKeys.EnvelopeId(mailId, "app1"), Assert.Single(await EnvelopesOnAsync(App1, count: 1)).Id);
    }

    [Fact]
    public async Task The_HTTP_listener_serves_the_application_over_the_local_backends()
    {
        using var http = new HttpClient();

        var host = await http.GetStringAsync(new Uri(_gateway.Http.Url, "/api/host"));
        var missing = await http.GetAsync(new Uri(_gateway.Http.Url, "/health"));

        Assert.Equal("local", host);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var backends = _gateway.Operations;
        Assert.Same(backends, _application.Backends);
        Assert.Equal(("local", DefaultConfig.Instance, TimeProvider.System), (backends.Host, backends.Config, backends.Time));
        Assert.IsType<SqliteMessageLedger>(backends.Ledger);
        Assert.IsType<SqliteMessageLedgerReader>(backends.LedgerReader);
        Assert.IsType<SqliteQueueClient>(backends.QueueClient);
        Assert.IsType<LocalQueueAdministration>(backends.Queues);
        Assert.IsType<LocalInboundControl>(backends.Inbound);
        Assert.IsType<LocalMailArchive>(backends.Archive);
        Assert.IsType<FileAttachmentDownloads>(backends.Downloads);
    }

    [Fact]
    public async Task The_dependency_checks_cover_the_database_every_queue_and_both_folders_and_pass()
    {
        var checks = _gateway.Operations.DependencyChecks;

        foreach (var check in checks)
        {
            await check.CheckAsync(CancellationToken.None);
        }

        Assert.Equal(
            ["database", .. QueueNames.All(DefaultConfig.Instance).Select(q => $"queue:{q}"), "raw-mail", "attachments"],
            checks.Select(c => c.Name));
    }

    [Fact]
    public async Task The_queue_list_reads_the_gateways_queues()
    {
        var queues = await _gateway.Operations.Queues.ListAsync(CancellationToken.None);

        Assert.Equal(QueueNames.All(DefaultConfig.Instance), queues.Select(q => q.Name));
    }

    public async Task DisposeAsync()
    {
        await _gateway.StopAsync(CancellationToken.None);
        await _gateway.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<string> SendOverSmtpAsync(string from, params string[] recipients)
    {
        await using var client = await RawSmtpClient.ConnectAsync(_gateway.Smtp.LocalEndPoint);
        await client.BeginMailAsync(from, recipients);
        var reply = await client.CommandAsync($"From: {from}\r\nTo: {recipients[0]}\r\nSubject: hello\r\n\r\nbody\r\n.");
        Assert.StartsWith("250 2.0.0 Ok: queued as ", reply, StringComparison.Ordinal);
        return reply["250 2.0.0 Ok: queued as ".Length..];
    }

    /// <summary>Waits (up to 15 s, the worker runs on real time) until the queue holds <paramref name="count"/> envelopes; browsing changes nothing.</summary>
    private async Task<IReadOnlyList<InboundEnvelope>> EnvelopesOnAsync(string queue, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var browse = await _gateway.Operations.Queues.BrowseAsync(queue, 10, timeout.Token);
            if (browse!.Messages.Count >= count)
            {
                return [.. browse.Messages.Select(m => JsonSerializer.Deserialize(m.Body, EnvelopeJsonContext.Default.InboundEnvelope)!)];
            }
            await Task.Delay(20, timeout.Token);
        }
    }
}
