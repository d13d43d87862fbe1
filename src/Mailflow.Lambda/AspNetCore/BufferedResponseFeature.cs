using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mailflow.Lambda.AspNetCore;

/// <summary>
/// The response side of one API Gateway invocation: status, headers and body collected in memory, since the payload 2.0
/// response is one JSON document. It behaves like Kestrel where applications can tell: the response starts on the
/// first write or flush (running OnStarting callbacks, last registered first), after which the status and headers are
/// read-only.
/// </summary>
internal sealed class BufferedResponseFeature : IHttpResponseFeature, IHttpResponseBodyFeature, IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly Stack<(Func<object, Task> Callback, object State)> _onStarting = new();
    private readonly Stack<(Func<object, Task> Callback, object State)> _onCompleted = new();
    private readonly ResponseBodyStream _stream;
    private PipeWriter? _writer;
    private int _statusCode = StatusCodes.Status200OK;
    private bool _starting;

    public BufferedResponseFeature()
    {
        _stream = new ResponseBodyStream(this, _buffer);
        Body = _stream;
    }

    public int StatusCode
    {
        get => _statusCode;
        set
        {
            ThrowIfStarted(nameof(StatusCode));
            _statusCode = value;
        }
    }

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public Stream Body { get; set; }

    public bool HasStarted { get; private set; }

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    /// <summary>The body bytes written so far.</summary>
    public byte[] BodyBytes => _buffer.ToArray();

    public void OnStarting(Func<object, Task> callback, object state)
    {
        ThrowIfStarted(nameof(OnStarting));
        _onStarting.Push((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Push((callback, state));

    public void DisableBuffering()
    {
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted || _starting)
        {
            return;
        }
        _starting = true;
        while (_onStarting.TryPop(out var entry))
        {
            await entry.Callback(entry.State).ConfigureAwait(false);
        }
        HasStarted = true;
        if (Headers is HeaderDictionary headers)
        {
            headers.IsReadOnly = true;
        }
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }
        await StartAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The application failed: whatever it wrote is dropped for an empty 500, as Kestrel answers when an application
    /// throws before its response started. Nothing has left the process yet, so this holds for a started response too.
    /// </summary>
    public void Fail()
    {
        _onStarting.Clear();
        _buffer.SetLength(0);
        Headers = new HeaderDictionary();
        ReasonPhrase = null;
        _statusCode = StatusCodes.Status500InternalServerError;
        HasStarted = true;
    }

    /// <summary>Runs the OnCompleted callbacks (last registered first), as a server does after the response was sent.</summary>
    public async Task CompleteCallbacksAsync()
    {
        while (_onCompleted.TryPop(out var entry))
        {
            await entry.Callback(entry.State).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _buffer.Dispose();
    }

    private void ThrowIfStarted(string what)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException($"{what} cannot be set because the response has already started.");
        }
    }
}
