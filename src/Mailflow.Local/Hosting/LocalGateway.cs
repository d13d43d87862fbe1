using Mailflow.Core.Configuration;
using Mailflow.Core.Links;
using Mailflow.Core.Operations;
using Mailflow.Core.Outbound;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Ports;
using Mailflow.Local.Http;
using Mailflow.Local.Inbound;
using Mailflow.Local.Ledger;
using Mailflow.Local.Operations;
using Mailflow.Local.Outbound;
using Mailflow.Local.Queues;
using Mailflow.Local.Smtp;
using Mailflow.Local.Sqs;
using Mailflow.Local.Storage;
using Mailflow.Local.Worker;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Hosting;

/// <summary>
/// Local mode in one process, the composition root of <c>mailflow run</c>: the SQLite queues and ledger, the
/// file stores, the same inbound pipeline as on AWS, and the SMTP, HTTP and SQS listeners. Start order makes
/// every dependency ready before anything can reach it; stop order lets accepted mail finish.
/// </summary>
public sealed class LocalGateway : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<IAsyncDisposable> _owned = [];
    private Task _worker = Task.CompletedTask;

    private LocalGateway(LocalGatewayOptions options) => Options = options;

    public LocalGatewayOptions Options { get; }
    public SmtpListener Smtp { get; private set; } = null!;
    public LocalHttpServer Http { get; private set; } = null!;
    public SqsServer Sqs { get; private set; } = null!;

    /// <summary>What the API works on in local mode: the SQLite queues and ledger, the data directory, the inbound state file.</summary>
    public OperationsBackends Operations { get; private set; } = null!;
    public int RecoveredMails { get; private set; }

    public static async Task<LocalGateway> StartAsync(LocalGatewayOptions options, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var gateway = new LocalGateway(options);
        try
        {
            await gateway.ComposeAsync(loggers, time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return gateway;
    }

    private async Task ComposeAsync(ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var config = Options.Config;
        var names = new QueueNames(config.Environment);
        var data = new DataDirectory(Options.DataDirectory);
        var engine = Own(new SqliteQueueEngine(data.Database, time, loggers.CreateLogger<SqliteQueueEngine>()));
        foreach (var queue in LocalQueueTopology.For(config))
        {
            await engine.EnsureQueueAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        var ledger = await SqliteMessageLedger.OpenAsync(engine, cancellationToken).ConfigureAwait(false);
        var threads = await SqliteThreadIndex.OpenAsync(engine, cancellationToken).ConfigureAwait(false);
        var idempotency = await SqliteIdempotencyStore.OpenAsync(engine, cancellationToken).ConfigureAwait(false);
        var queues = new SqliteQueueClient(engine);
        var fileSync = OwnDisposable(new FileSystemSync(data.Root));
        var rawMail = new FileRawMailStore(data, fileSync);
        var attachments = new FileAttachmentStore(data);
        var links = new AttachmentLinkSigner($"http://{Options.Http}", LinkSigningKey.LoadOrCreate(data), TimeSpan.FromHours(config.Links.TtlHours), time);
        var rules = new InboundRules(config);
        var pipeline = new InboundPipeline(rules, rawMail, attachments, queues, ledger, threads, links, time, loggers.CreateLogger<InboundPipeline>());
        var processor = new QueueBatchProcessor(new InboundRecordHandler(pipeline), queues, names.Inbound, config.Queues.MaxReceiveCount, time,
            loggers.CreateLogger<QueueBatchProcessor>());
        var sender = CreateSender(data, loggers, time);
        if (sender is IAsyncDisposable disposableSender)
        {
            Own(disposableSender);
        }
        var outbound = new QueueBatchProcessor(
            new OutboundRecordHandler(
                new OutboundPipeline(new OutboundRules(config), idempotency, threads, attachments, sender,
                    new OutboundRateLimiter(config.Outbound.RateLimits, time), ledger, time, loggers.CreateLogger<OutboundPipeline>()),
                idempotency, ledger, time, loggers.CreateLogger<OutboundRecordHandler>()),
            queues, names.Outbound, config.Queues.MaxReceiveCount, time, loggers.CreateLogger<QueueBatchProcessor>());
        var inboundState = new InboundStateFile(data, time);
        var flow = new InboundFlowControl(Options.FlowControlLimit, TimeSpan.FromSeconds(5));
        var receiver = new LocalSmtpReceiver(config, inboundState, rawMail, queues, flow, time);
        var smtpOptions = new SmtpListenerOptions { Endpoint = Options.Smtp, MaxMessageBytes = rules.Global.Limits.MaxMessageBytes };

        RecoveredMails = await new InboundRecovery(config, rawMail, ledger, engine, receiver).RecoverAsync(cancellationToken).ConfigureAwait(false);

        Operations = new OperationsBackends("local", config, ledger, new SqliteMessageLedgerReader(engine), new LocalQueueAdministration(config, engine), queues,
            new LocalInboundControl(inboundState), new LocalMailArchive(rawMail, receiver, smtpOptions), new FileAttachmentDownloads(attachments), links,
            DependencyChecks(config, engine, data), time);
        Http = Own(new LocalHttpServer(Options.Http, Operations, Options.HttpApplication, loggers));
        await Http.StartAsync(cancellationToken).ConfigureAwait(false);
        Sqs = Own(new SqsServer(engine, new SqsServerOptions { EndPoint = Options.Sqs }, loggers));
        await Sqs.StartAsync(cancellationToken).ConfigureAwait(false);
        _worker = Task.WhenAll(
            new QueueWorker(engine, processor, flow, loggers.CreateLogger<QueueWorker>()).RunAsync(Options.WorkerConcurrency, _stopping.Token),
            new QueueWorker(engine, outbound, null, loggers.CreateLogger<QueueWorker>()).RunAsync(Options.OutboundConcurrency, _stopping.Token),
            PurgeExpiredKeysAsync(idempotency, time, _stopping.Token));
        Smtp = Own(new SmtpListener(smtpOptions, receiver, loggers.CreateLogger<SmtpListener>(), time));
        await Smtp.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the deep health check touches: the database, every Mailflow queue, the folders mail and attachments are written to.</summary>
    private static List<IDependencyCheck> DependencyChecks(MailflowConfig config, SqliteQueueEngine engine, DataDirectory data)
    {
        var checks = new List<IDependencyCheck> { new SqliteDatabaseCheck(engine) };
        checks.AddRange(QueueNames.All(config).Select(queue => new QueuePresenceCheck(engine, queue)));
        checks.Add(new FolderWriteCheck("raw-mail", data.PathOf(LocalSmtpReceiver.RawKeyPrefix)));
        checks.Add(new FolderWriteCheck("attachments", data.PathOf("attachments/")));
        return checks;
    }

    /// <summary>The relay sender when one is configured, otherwise the capture sender that writes the outbox.</summary>
    private IMailSender CreateSender(DataDirectory data, ILoggerFactory loggers, TimeProvider time) => Options.EffectiveRelay is { } relay
        ? new SmtpRelaySender(relay, new SmtpRelaySenderOptions(), time, loggers.CreateLogger<SmtpRelaySender>())
        : new CaptureMailSender(data, time, loggers.CreateLogger<CaptureMailSender>());

    /// <summary>Expired idempotency keys are deleted hourly so that the table does not grow without bound.</summary>
    private static async Task PurgeExpiredKeysAsync(SqliteIdempotencyStore idempotency, TimeProvider time, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        try
        {
            do
            {
                await idempotency.PurgeExpiredAsync(time.GetUtcNow(), stopping).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops taking mail (sessions in DATA finish, idle ones get 421), then the worker and the listeners.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Smtp is not null)
        {
            await Smtp.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        if (Sqs is not null)
        {
            await Sqs.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        if (Http is not null)
        {
            await Http.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
    }

    private T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    private T OwnDisposable<T>(T resource) where T : IDisposable
    {
        _owned.Add(new DisposableAdapter(resource));
        return resource;
    }

    private sealed class DisposableAdapter(IDisposable resource) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            resource.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
