using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Amazon.SQS;
using Mailflow.Core.Configuration;
using Mailflow.Local.Queues;
using Mailflow.Local.Sqs;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>
/// Mailflow's own SQS-compatible endpoint (SqsServer over a SqliteQueueEngine in a temporary directory), for the SQS
/// actions fauxqs 2.4.1 lacks or does not enforce: StartMessageMoveTask and ListMessageMoveTasks (SqsQuirks
/// LacksDeadLetterRedriveActions) and PurgeQueueInProgress. Mailflow.Local.Tests runs the same SQS scenario suite against
/// it and fauxqs, so its redrive behaves as SQS documents (new receive count, back to the source queue).
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class MailflowSqsEndpoint : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"mailflow-awsops-{Guid.NewGuid():N}");
    private SqliteQueueEngine? _engine;
    private SqsServer? _server;

    public AmazonSQSClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _engine = new SqliteQueueEngine(Path.Combine(_directory, "queues.db"), TimeProvider.System);
        _server = new SqsServer(_engine, new SqsServerOptions());
        await _server.StartAsync(CancellationToken.None);
        Client = new AmazonSQSClient(new BasicAWSCredentials("x", "x"), new AmazonSQSConfig
        {
            ServiceURL = _server.Url.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
    }

    /// <summary>Every queue of the configuration, each primary queue dead-lettering after <paramref name="maxReceiveCount"/> receives.</summary>
    public async Task CreateQueuesAsync(MailflowConfig config, int maxReceiveCount)
    {
        // DLQs first: a redrive policy names an existing queue.
        foreach (var name in QueueNames.All(config).OrderByDescending(n => n.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal)))
        {
            var settings = new QueueSettings(name) { MaxReceiveCount = maxReceiveCount };
            await _engine!.EnsureQueueAsync(name.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal)
                ? settings
                : settings with { DeadLetterQueue = QueueNames.DeadLetterOf(name) }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
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
