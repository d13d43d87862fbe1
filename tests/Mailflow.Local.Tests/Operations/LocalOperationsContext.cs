using System.Net;
using Mailflow.Core.Configuration;
using Mailflow.Local.Hosting;
using Mailflow.Local.Inbound;
using Mailflow.Local.Operations;
using Mailflow.Local.Queues;
using Mailflow.Local.Smtp;
using Mailflow.Local.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Local.Tests.Operations;

/// <summary>
/// Local mode's operations backends as <c>mailflow run</c> composes them, on a real SQLite file and data directory in a
/// fresh temp directory, the default configuration (apps app1 and app2, domain example.com) and fake time.
/// </summary>
internal sealed class LocalOperationsContext : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FileSystemSync _sync;

    private LocalOperationsContext(MailflowConfig config)
    {
        Root = Directory.CreateTempSubdirectory("mailflow-operations-tests-").FullName;
        Config = config;
        Data = new DataDirectory(Root);
        Engine = new SqliteQueueEngine(Data.Database, Clock);
        _sync = new FileSystemSync(Data.Root);
        RawMail = new FileRawMailStore(Data, _sync);
        State = new InboundStateFile(Data, Clock);
        Receiver = new LocalSmtpReceiver(config, State, RawMail, new SqliteQueueClient(Engine), new InboundFlowControl(64, TimeSpan.FromSeconds(5)), Clock);
        ListenerOptions = new SmtpListenerOptions { Endpoint = new IPEndPoint(IPAddress.Loopback, 0), MaxMessageBytes = 64 * 1024, MaxRecipients = 3 };
        Queues = new LocalQueueAdministration(config, Engine);
        Archive = new LocalMailArchive(RawMail, Receiver, ListenerOptions);
        Inbound = new LocalInboundControl(State);
        Names = new QueueNames(config.Environment);
    }

    public string Root { get; }
    public MailflowConfig Config { get; }
    public FakeTimeProvider Clock { get; } = new(Start);
    public DataDirectory Data { get; }
    public SqliteQueueEngine Engine { get; }
    public FileRawMailStore RawMail { get; }
    public InboundStateFile State { get; }
    public LocalSmtpReceiver Receiver { get; }
    public SmtpListenerOptions ListenerOptions { get; }
    public LocalQueueAdministration Queues { get; }
    public LocalMailArchive Archive { get; }
    public LocalInboundControl Inbound { get; }
    public QueueNames Names { get; }

    /// <summary>With every queue of the configuration created, as <c>mailflow run</c> does at start (unless <paramref name="except"/>).</summary>
    public static async Task<LocalOperationsContext> StartAsync(string? except = null, MailflowConfig? config = null)
    {
        var context = new LocalOperationsContext(config ?? DefaultConfig.Instance);
        foreach (var queue in LocalQueueTopology.For(context.Config).Where(q => q.Name != except))
        {
            await context.Engine.EnsureQueueAsync(queue with { DeadLetterQueue = queue.DeadLetterQueue == except ? null : queue.DeadLetterQueue }, CancellationToken.None);
        }
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        _sync.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
