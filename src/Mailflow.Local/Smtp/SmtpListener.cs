using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Smtp;

/// <summary>
/// Local mode's SMTP server (RFC 5321 with PIPELINING, 8BITMIME, SMTPUTF8, SIZE and ENHANCEDSTATUSCODES). It plays
/// SES receiving: each step of a mail is put to the <see cref="ISmtpReceiver"/>, which applies the receipt rules and
/// makes an accepted mail durable before the client sees 250.
/// <para>
/// Shutdown (<see cref="StopAsync"/>) stops accepting; sessions waiting for a command get 421 4.3.2 and are closed;
/// sessions in DATA or in the receiver finish their mail. When the stop token fires, the rest get 421 and close.
/// </para>
/// </summary>
public sealed class SmtpListener : IHostedService, IAsyncDisposable
{
    private readonly SmtpListenerOptions _options;
    private readonly ISmtpReceiver _receiver;
    private readonly ILogger<SmtpListener> _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _aborting = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private Socket? _socket;
    private Task? _acceptLoop;
    private IPEndPoint? _localEndPoint;
    private long _lastConnectionId;
    private int _activeSessions;
    private bool _disposed;

    public SmtpListener(SmtpListenerOptions options, ISmtpReceiver receiver, ILogger<SmtpListener> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _receiver = receiver;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The bound endpoint, with the real port when <see cref="SmtpListenerOptions.Endpoint"/> asked for port 0.</summary>
    public IPEndPoint LocalEndPoint => _localEndPoint ?? throw new InvalidOperationException("The SMTP listener is not started: call StartAsync first.");

    /// <summary>Sessions open now (refused connections excluded).</summary>
    public int ActiveSessions => Volatile.Read(ref _activeSessions);

    /// <summary>Binds the endpoint and starts accepting. Returns once the socket listens.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            throw new InvalidOperationException("The SMTP listener is already started.");
        }
        var socket = new Socket(_options.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(_options.Endpoint);
            socket.Listen(backlog: 128);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException(
                $"The SMTP listener cannot listen on {_options.Endpoint}: {e.Message}. Free that port or configure another one (port 0 picks a free port).", e);
        }
        _socket = socket;
        _localEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        SmtpListenerLog.Listening(_logger, _localEndPoint);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(socket), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting and closes idle sessions with 421 4.3.2; sessions in DATA or in the receiver finish their mail.
    /// When <paramref name="cancellationToken"/> fires, the remaining sessions are aborted: the receiver's token is
    /// cancelled and their clients get 421. Returns when every session has closed.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_acceptLoop is null)
        {
            return;
        }
        if (!_stopping.IsCancellationRequested)
        {
            SmtpListenerLog.Stopping(_logger, ActiveSessions);
            _socket?.Dispose(); // new connections are refused from here on
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        await _acceptLoop.ConfigureAwait(false);
        var abort = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _aborting);
        await using (abort.ConfigureAwait(false))
        {
            await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        }
        SmtpListenerLog.Stopped(_logger);
    }

    /// <summary>Stops without grace: every open session is aborted with 421.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        _socket?.Dispose();
        _stopping.Dispose();
        _aborting.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                || e is SocketException { SocketErrorCode: SocketError.OperationAborted }
                || _stopping.IsCancellationRequested)
            {
                return; // StopAsync closed the listening socket
            }
            catch (SocketException e)
            {
                // EMFILE and the like: back off a little instead of spinning.
                SmtpListenerLog.AcceptFailed(_logger, e);
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            var id = Interlocked.Increment(ref _lastConnectionId);
            if (Interlocked.Increment(ref _activeSessions) > _options.MaxSessions)
            {
                Interlocked.Decrement(ref _activeSessions);
                Track(id, Task.Run(() => RefuseAsync(client), CancellationToken.None));
            }
            else
            {
                Track(id, Task.Run(() => RunSessionAsync(id, client), CancellationToken.None));
            }
        }
    }

    private void Track(long id, Task connection)
    {
        _connections[id] = connection;
        connection.ContinueWith(done => _connections.TryRemove(KeyValuePair.Create(id, done)), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunSessionAsync(long id, Socket client)
    {
        try
        {
            SmtpListenerLog.SessionOpened(_logger, id, client.RemoteEndPoint);
            client.NoDelay = true;
            var connection = new SmtpConnection(client, _options.CommandTimeout, _time, _aborting.Token);
            var session = new SmtpSession(id, connection, _options, _receiver, _logger, _stopping.Token, _aborting.Token);
            await session.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Last line of defence for a bug in a session: log it and drop that connection, never the listener.
            SmtpListenerLog.SessionFailed(_logger, id, e);
            client.Dispose();
        }
        finally
        {
            Interlocked.Decrement(ref _activeSessions);
        }
    }

    /// <summary>A connection over <see cref="SmtpListenerOptions.MaxSessions"/>: 421 4.7.0 and close, without reading.</summary>
    private async Task RefuseAsync(Socket client)
    {
        using (client)
        {
            SmtpListenerLog.TooManySessions(_logger, client.RemoteEndPoint, _options.MaxSessions);
            var reply = Encoding.ASCII.GetBytes($"{SmtpReplies.TooManySessions(_options.ServerName)}\r\n");
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            try
            {
                await client.SendAsync(reply, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // The client left first.
            }
        }
    }
}
