using System.Net;
using Mailflow.Local.Hosting;
using Mailflow.Local.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Local.Sqs;

/// <summary>
/// The SQS-compatible HTTP endpoint over the local queues, self-hosted on Kestrel: an application points its ordinary
/// AWS SDK at <see cref="Url"/> (AWSSDK.SQS: <c>ServiceURL</c>; @aws-sdk/client-sqs: <c>endpoint</c>) and uses queue URLs
/// <c>{Url}000000000000/{queue}</c>. It has its own listener rather than routes in the API host because SQS clients
/// post to <c>/</c> and queue URLs name the endpoint's root.
/// <para>
/// Local only, by design: it binds to a loopback address and accepts any SigV4 Authorization header without verifying
/// it (there are no local credentials to check against). Queues are not created through it: they come from
/// mailflow.json via <see cref="IQueueEngine.EnsureQueueAsync"/>.
/// </para>
/// </summary>
public sealed class SqsServer : IHostedService, IAsyncDisposable
{
    /// <summary>Above SQS's largest request (a 1 MiB batch, JSON-escaped), below anything that would hurt.</summary>
    public const int MaxRequestBodyBytes = 8 * 1024 * 1024;

    private readonly IQueueEngine _engine;
    private readonly SqsServerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private SqsQueueAddresses? _addresses;

    public SqsServer(IQueueEngine engine, SqsServerOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.IsLoopback(options.EndPoint.Address))
        {
            throw new ArgumentException(
                $"The SQS endpoint does not check credentials, so it only binds to a loopback address (127.0.0.1 or ::1), not {options.EndPoint.Address}.",
                nameof(options));
        }
        _engine = engine;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>The bound base URL, e.g. <c>http://127.0.0.1:49152/</c> (the actual port when 0 was asked for).</summary>
    public Uri Url => Addresses.BaseUrl;

    /// <summary>The URL clients use for a queue: <c>http://127.0.0.1:{port}/000000000000/{queue}</c>.</summary>
    public string QueueUrl(string queue) => Addresses.UrlOf(queue);

    /// <summary>The queue's ARN, as RedrivePolicy and the message move tasks name it.</summary>
    public string QueueArn(string queue) => Addresses.ArnOf(queue);

    private SqsQueueAddresses Addresses => _addresses ?? throw new InvalidOperationException("The SQS endpoint has no URL until StartAsync has bound it.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The SQS endpoint is already started.");
        }
        var app = LoopbackWebHost.Create(_options.EndPoint, _loggerFactory, MaxRequestBodyBytes);
        var endpoint = new SqsEndpoint(_engine, () => Addresses, _loggerFactory.CreateLogger<SqsServer>(), _stopping.Token);
        app.Run(endpoint.HandleAsync);
        var bound = await LoopbackWebHost.StartAsync(app, cancellationToken);
        _addresses = new SqsQueueAddresses(bound, _options.Region);
        _app = app;
        SqsLog.Listening(_loggerFactory.CreateLogger<SqsServer>(), Url);
    }

    /// <summary>Stops listening; long polls in progress are answered at once (503, which SDKs retry) rather than waited for.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null || _stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync();
        await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
        _stopping.Dispose();
    }
}
