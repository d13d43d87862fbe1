using Mailflow.Core.Operations;

namespace Mailflow.Api;

/// <summary>
/// The inbound state the public, shallow health check shows, read at most once per <paramref name="lifetime"/>. On AWS
/// each read is a Lambda and an SES call, and SES allows one DescribeReceiptRule a second: an unauthenticated caller
/// polling health must not use up the calls an operator needs during an incident. Locally a read is a file's timestamp,
/// so nothing is kept. The switches' own endpoints read live and drop this copy when they change a switch.
/// </summary>
public sealed class HealthInboundCache(OperationsBackends backends, TimeSpan lifetime)
{
    /// <summary>How long health may show an inbound state read on AWS (<see cref="For"/>).</summary>
    public static readonly TimeSpan AwsLifetime = TimeSpan.FromSeconds(15);

    public static HealthInboundCache For(OperationsBackends backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        return new HealthInboundCache(backends, backends.Host == "aws" ? AwsLifetime : TimeSpan.Zero);
    }

    private volatile Entry? _entry;

    public async Task<InboundStatus> GetAsync(CancellationToken cancellationToken)
    {
        if (_entry is { } entry && backends.Time.GetElapsedTime(entry.ReadAt) < lifetime)
        {
            return entry.Status;
        }
        var readAt = backends.Time.GetTimestamp();
        var status = await backends.Inbound.GetAsync(cancellationToken).ConfigureAwait(false);
        _entry = new Entry(status, readAt);
        return status;
    }

    public void Invalidate() => _entry = null;

    private sealed record Entry(InboundStatus Status, long ReadAt);
}
