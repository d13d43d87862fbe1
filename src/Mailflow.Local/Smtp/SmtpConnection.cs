using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

namespace Mailflow.Local.Smtp;

/// <summary>
/// One client socket as command lines and DATA in, replies out. Replies are buffered and flushed only when the
/// session is about to wait for the client, so a pipelined group of commands gets its replies in one write
/// (RFC 2920 §3.2). Every wait for the client (reading, or writing to a client that does not read) is bounded by
/// the command timeout and surfaces as <see cref="TimeoutException"/>.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    /// <summary>RFC 5321 §4.5.3.1.4: a command line is at most 512 octets, CRLF included.</summary>
    public const int MaxCommandLineOctets = 512;

    /// <summary>
    /// Replies held back for a pipelined group are flushed once they exceed this, so a client that keeps sending
    /// without reading cannot make the server buffer replies without bound.
    /// </summary>
    private const int MaxUnflushedReplyOctets = 16 * 1024;

    private static readonly TimeSpan s_goodbyeTimeout = TimeSpan.FromSeconds(10);
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly CancellationToken _aborting;
    private int _unflushed;

    public SmtpConnection(Socket socket, TimeSpan timeout, TimeProvider time, CancellationToken aborting)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        _timeout = timeout;
        _time = time;
        _aborting = aborting;
    }

    /// <summary>
    /// The next command line without its line end (bare LF tolerated), or an error reply for a line over 512 octets
    /// (read to its end and dropped) or one that is not UTF-8; (null, null) when the client closed the connection.
    /// </summary>
    public async ValueTask<(string? Line, SmtpReply? Error)> ReadCommandLineAsync(CancellationToken phase)
    {
        var tooLong = false;
        while (true)
        {
            var result = await ReadAsync(phase).ConfigureAwait(false);
            var buffer = result.Buffer;
            var lineFeed = buffer.PositionOf((byte)'\n');
            if (lineFeed is not null)
            {
                var line = buffer.Slice(0, lineFeed.Value);
                tooLong |= line.Length + 1 > MaxCommandLineOctets;
                var text = tooLong ? null : Decode(line);
                _reader.AdvanceTo(buffer.GetPosition(1, lineFeed.Value));
                return tooLong ? (null, SmtpReplies.CommandLineTooLong) : text is null ? (null, SmtpReplies.NotUtf8) : (text, null);
            }
            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return (null, null);
            }
            if (buffer.Length >= MaxCommandLineOctets)
            {
                tooLong = true;
                _reader.AdvanceTo(buffer.End);
            }
            else
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <summary>Feeds DATA to the spooler up to the final dot; false when the client closed the connection first.</summary>
    public async ValueTask<bool> ReadDataAsync(SmtpDataSpooler spooler, CancellationToken phase)
    {
        while (true)
        {
            var result = await ReadAsync(phase).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (spooler.Consume(ref buffer))
            {
                // Leave what follows the dot unexamined: it may be the next pipelined command.
                _reader.AdvanceTo(buffer.Start);
                return true;
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return false;
            }
        }
    }

    public void Write(SmtpReply reply)
    {
        var text = string.IsNullOrEmpty(reply.EnhancedCode) ? reply.Text : $"{reply.EnhancedCode} {reply.Text}";
        WriteLine($"{reply.Code} {text}");
    }

    /// <summary>A multi-line reply (RFC 5321 §4.2.1): "code-text" on every line but the last.</summary>
    public void Write(int code, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            WriteLine($"{code}{(i < lines.Count - 1 ? '-' : ' ')}{lines[i]}");
        }
    }

    /// <summary>Writes one reply line; CR, LF and non-ASCII in it become '?', so a reply text cannot inject lines.</summary>
    public void WriteLine(string line)
    {
        var span = _writer.GetSpan(line.Length + 2);
        for (var i = 0; i < line.Length; i++)
        {
            span[i] = line[i] is >= ' ' and <= '~' ? (byte)line[i] : (byte)'?';
        }
        span[line.Length] = (byte)'\r';
        span[line.Length + 1] = (byte)'\n';
        _writer.Advance(line.Length + 2);
        _unflushed += line.Length + 2;
    }

    public async ValueTask FlushAsync()
    {
        if (_unflushed == 0)
        {
            return;
        }
        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _aborting);
        try
        {
            await _writer.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !_aborting.IsCancellationRequested)
        {
            throw new TimeoutException("The client did not read its replies within the command timeout.");
        }
        _unflushed = 0;
    }

    /// <summary>
    /// Sends a last reply (221 or 421) before the session closes. Bounded by its own deadline, not by the
    /// session's tokens: a session aborted by the listener still tells the client why.
    /// </summary>
    public async ValueTask SayGoodbyeAsync(SmtpReply reply)
    {
        Write(reply);
        using var deadline = new CancellationTokenSource(_timeout < s_goodbyeTimeout ? _timeout : s_goodbyeTimeout, _time);
        try
        {
            await _writer.FlushAsync(deadline.Token).ConfigureAwait(false);
            _unflushed = 0;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone or does not read: closing is all that is left.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the client: nothing left to say.
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Replies that could not be flushed before the socket closed have no reader anyway.
        }
    }

    /// <summary>Buffered input first; only when a wait is needed are pending replies flushed and the timeout armed.</summary>
    private async ValueTask<ReadResult> ReadAsync(CancellationToken phase)
    {
        if (_unflushed < MaxUnflushedReplyOctets && _reader.TryRead(out var buffered))
        {
            return buffered;
        }
        await FlushAsync().ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, phase);
        try
        {
            return await _reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !phase.IsCancellationRequested)
        {
            throw new TimeoutException("The client sent nothing within the command timeout.");
        }
    }

    private static string? Decode(ReadOnlySequence<byte> line)
    {
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == '\r')
        {
            line = line.Slice(0, line.Length - 1);
        }
        try
        {
            return s_strictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
