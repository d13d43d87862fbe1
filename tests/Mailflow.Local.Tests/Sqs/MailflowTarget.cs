using System.Diagnostics.CodeAnalysis;
using Amazon.SQS;
using Mailflow.Local.Queues;
using Mailflow.Local.Sqs;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>Mailflow's SQS endpoint on a free loopback port over a SqliteQueueEngine in a fresh temporary directory.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class MailflowTarget : SqsScenarioTarget
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"mailflow-sqs-{Guid.NewGuid():N}");
    private SqliteQueueEngine? _engine;
    private SqsServer? _server;
    private AmazonSQSClient? _client;

    public override AmazonSQSClient Client => _client ?? throw new InvalidOperationException("The endpoint is not started");

    public override SqsQuirks Quirks => SqsQuirks.Mailflow;

    public IQueueEngine Engine => _engine ?? throw new InvalidOperationException("The endpoint is not started");

    public SqsServer Server => _server ?? throw new InvalidOperationException("The endpoint is not started");

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _engine = new SqliteQueueEngine(Path.Combine(_directory, "queues.db"), TimeProvider.System);
        _server = new SqsServer(_engine, new SqsServerOptions());
        await _server.StartAsync(CancellationToken.None);
        _client = SqsClients.For(_server.Url);
    }

    /// <summary>Local queues come from configuration, so the test creates them through the engine, as <c>mailflow run</c> does.</summary>
    public override async Task<string> CreateQueueAsync(string name, TimeSpan visibilityTimeout, string? deadLetterQueue = null, int maxReceiveCount = 0)
    {
        var settings = new QueueSettings(name) { VisibilityTimeout = visibilityTimeout, DeadLetterQueue = deadLetterQueue };
        await Engine.EnsureQueueAsync(maxReceiveCount > 0 ? settings with { MaxReceiveCount = maxReceiveCount } : settings, CancellationToken.None);
        return Server.QueueUrl(name);
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }
}
