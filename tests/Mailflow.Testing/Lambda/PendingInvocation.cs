namespace Mailflow.Testing.Lambda;

/// <summary>An event queued by <see cref="RuntimeApiHarness.InvokeAsync"/>, until the function answers it.</summary>
internal sealed class PendingInvocation(string requestId, byte[] body, TimeSpan timeout, long queuedAt)
{
    public string RequestId { get; } = requestId;

    public byte[] Body { get; } = body;

    /// <summary>The function timeout: the deadline is this long after the function asked for the event.</summary>
    public TimeSpan Timeout { get; } = timeout;

    public long QueuedAt { get; } = queuedAt;

    public TaskCompletionSource Served { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<HarnessResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The function posted a response or error: a second post is an invalid state transition.</summary>
    public bool Posted { get; set; }

    /// <summary>The caller gave up before the function asked for it; it is not served any more.</summary>
    public bool Abandoned { get; set; }
}
