namespace Mailflow.Local.Inbound;

/// <summary>
/// Slows acceptance when mail arrives faster than the worker routes it, like Postfix's <c>in_flow_delay</c>
/// (https://www.postfix.org/postconf.5.html#in_flow_delay): before storing a mail, a session waits while more than
/// <see cref="Limit"/> accepted mails are still unrouted, up to <see cref="MaxDelay"/>. Senders see a slower 250
/// instead of a growing inbound queue, and envelopes stay seconds-fresh. Nothing is refused; after the longest
/// wait the mail is accepted anyway.
/// </summary>
public sealed class InboundFlowControl(int limit, TimeSpan maxDelay)
{
    private readonly object _gate = new();
    private long _unrouted;
    private TaskCompletionSource _belowLimit = NewSignal();

    public int Limit { get; } = limit;
    public TimeSpan MaxDelay { get; } = maxDelay;

    public long Unrouted
    {
        get
        {
            lock (_gate)
            {
                return _unrouted;
            }
        }
    }

    /// <summary>Waits (at most <see cref="MaxDelay"/>) until the unrouted count is under the limit.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            if (_unrouted < Limit)
            {
                return;
            }
            signal = _belowLimit.Task;
        }
        await Task.WhenAny(signal, Task.Delay(MaxDelay, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A mail entered the inbound queue.</summary>
    public void Accepted()
    {
        lock (_gate)
        {
            _unrouted++;
        }
    }

    /// <summary>Mails left the inbound queue (routed, quarantined, rejected or dead-lettered).</summary>
    public void Routed(int count)
    {
        lock (_gate)
        {
            _unrouted = Math.Max(0, _unrouted - count);
            if (_unrouted < Limit)
            {
                _belowLimit.TrySetResult();
                _belowLimit = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
