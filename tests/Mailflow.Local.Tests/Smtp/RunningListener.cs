using System.Net;
using Mailflow.Local.Smtp;
using Microsoft.Extensions.Logging.Testing;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>A real <see cref="SmtpListener"/> on 127.0.0.1, a free port, its own spool directory and a recording receiver.</summary>
public sealed class RunningListener : IAsyncDisposable
{
    private RunningListener(SmtpListener listener, RecordingReceiver receiver, FakeLogger<SmtpListener> logger, string spoolDirectory)
    {
        Listener = listener;
        Receiver = receiver;
        Logger = logger;
        SpoolDirectory = spoolDirectory;
    }

    public SmtpListener Listener { get; }

    public RecordingReceiver Receiver { get; }

    public FakeLogger<SmtpListener> Logger { get; }

    public string SpoolDirectory { get; }

    public IPEndPoint EndPoint => Listener.LocalEndPoint;

    public int Port => EndPoint.Port;

    public static async Task<RunningListener> StartAsync(
        long maxMessageBytes = 1024 * 1024, TimeSpan? commandTimeout = null, int maxSessions = 100, int maxRecipients = 100)
    {
        var spool = Directory.CreateTempSubdirectory("mailflow-smtp-tests-").FullName;
        var options = new SmtpListenerOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            ServerName = "mx.test",
            MaxMessageBytes = maxMessageBytes,
            CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(30),
            MaxSessions = maxSessions,
            MaxRecipients = maxRecipients,
            SpoolDirectory = spool,
        };
        var receiver = new RecordingReceiver();
        var logger = new FakeLogger<SmtpListener>();
        var listener = new SmtpListener(options, receiver, logger);
        await listener.StartAsync(CancellationToken.None);
        return new RunningListener(listener, receiver, logger, spool);
    }

    public Task<RawSmtpClient> ConnectAsync() => RawSmtpClient.ConnectAsync(EndPoint);

    /// <summary>Waits until the listener counts <paramref name="sessions"/> open sessions (sessions close asynchronously).</summary>
    public async Task WaitForActiveSessionsAsync(int sessions)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Listener.ActiveSessions != sessions)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        Directory.Delete(SpoolDirectory, recursive: true);
    }
}
