using System.Threading.Channels;

namespace Mailflow.Testing.Lambda;

/// <summary>
/// The harness's state, shared by the HTTP side and the test side: queued events, what the function posted, and the
/// timings. Thread-safe; everything that changes goes through one lock.
/// </summary>
internal sealed class InvocationBoard(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly Dictionary<string, PendingInvocation> _invocations = new(StringComparer.Ordinal);
    private readonly List<HarnessResult> _results = [];
    private readonly TaskCompletionSource<HarnessResult> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _startedAt = time.GetTimestamp();
    private bool _processStarted;

    public TimeSpan? InitDuration { get; private set; }

    public TimeSpan? ColdStart { get; private set; }

    public Task<HarnessResult> InitError => _initError.Task;

    public IReadOnlyList<HarnessResult> Results
    {
        get
        {
            lock (_gate)
            {
                return [.. _results];
            }
        }
    }

    /// <summary>The function process starts now: init and cold start are measured from here.</summary>
    public void ProcessStarting()
    {
        _startedAt = time.GetTimestamp();
        _processStarted = true;
    }

    public PendingInvocation Enqueue(byte[] body, TimeSpan timeout)
    {
        var pending = new PendingInvocation(Guid.NewGuid().ToString(), body, timeout, time.GetTimestamp());
        lock (_gate)
        {
            if (_initError.Task.IsCompleted)
            {
                pending.Result.TrySetResult(_initError.Task.Result);
                return pending;
            }
            _invocations.Add(pending.RequestId, pending);
        }
        _queue.Writer.TryWrite(pending);
        return pending;
    }

    /// <summary>Waits for the next event the caller still waits for (GET next).</summary>
    public async Task<PendingInvocation> NextAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_processStarted && InitDuration is null)
            {
                InitDuration = time.GetElapsedTime(_startedAt);
            }
        }
        while (true)
        {
            var pending = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (!pending.Abandoned && !pending.Result.Task.IsCompleted)
                {
                    pending.Served.TrySetResult();
                    return pending;
                }
            }
        }
    }

    /// <summary>Records a response or error; returns false with the Runtime API's status when it would refuse the post.</summary>
    public (bool Accepted, int Status) Post(string requestId, HarnessResultKind kind, byte[] body, string? errorType, IReadOnlyDictionary<string, string> headers)
    {
        lock (_gate)
        {
            if (!_invocations.TryGetValue(requestId, out var pending) || !pending.Served.Task.IsCompleted)
            {
                return (false, 400);
            }
            if (pending.Posted)
            {
                return (false, 403);
            }
            pending.Posted = true;
            var result = new HarnessResult(kind, requestId, body, errorType, time.GetElapsedTime(pending.QueuedAt), time.GetUtcNow(), headers);
            _results.Add(result);
            if (_processStarted && ColdStart is null)
            {
                ColdStart = time.GetElapsedTime(_startedAt);
            }
            pending.Result.TrySetResult(result);
            return (true, 202);
        }
    }

    /// <summary>Records an init error and answers every invocation not yet answered with it, as Lambda does.</summary>
    public void PostInitError(byte[] body, string? errorType, IReadOnlyDictionary<string, string> headers)
    {
        lock (_gate)
        {
            var result = new HarnessResult(HarnessResultKind.InitError, null, body, errorType, time.GetElapsedTime(_startedAt), time.GetUtcNow(), headers);
            _results.Add(result);
            _initError.TrySetResult(result);
            foreach (var pending in _invocations.Values.Where(pending => !pending.Posted))
            {
                pending.Result.TrySetResult(result);
            }
        }
    }

    /// <summary>The process is gone or the harness stops: nobody will answer what is still open.</summary>
    public void FailOpen(Exception reason)
    {
        lock (_gate)
        {
            _initError.TrySetException(reason);
            foreach (var pending in _invocations.Values)
            {
                pending.Result.TrySetException(reason);
            }
        }
    }

    public void Abandon(PendingInvocation pending)
    {
        lock (_gate)
        {
            pending.Abandoned = true;
        }
    }
}
