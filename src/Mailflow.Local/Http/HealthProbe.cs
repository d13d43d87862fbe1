using Mailflow.Core.Configuration;
using Mailflow.Local.Inbound;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Http;

/// <summary>Builds the health report from the inbound state file and the queue engine; never from names nothing emits.</summary>
public sealed class HealthProbe(MailflowConfig config, InboundStateFile inbound, IQueueEngine queues)
{
    public static string Version { get; } = typeof(HealthProbe).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var state = inbound.Read();
        var depths = await QueuesAsync(cancellationToken).ConfigureAwait(false);
        var deadLettersWaiting = depths.Any(q => q.Name.EndsWith(QueueNames.DlqSuffix, StringComparison.Ordinal) && q.Visible + q.InFlight > 0);
        var status = state.State == InboundState.Enabled && !deadLettersWaiting ? "ok" : "degraded";
        var inboundView = new InboundHealth(state.State.ToString().ToLowerInvariant(), state.ChangedAt);
        return new HealthReport(status, config.Environment, Version, inboundView, depths);
    }

    public async Task<IReadOnlyList<QueueHealth>> QueuesAsync(CancellationToken cancellationToken)
    {
        var result = new List<QueueHealth>();
        foreach (var queue in await queues.ListQueuesAsync(cancellationToken).ConfigureAwait(false))
        {
            var stats = await queues.GetStatsAsync(queue.Name, cancellationToken).ConfigureAwait(false);
            result.Add(new QueueHealth(queue.Name, stats.Visible, stats.InFlight, stats.Delayed, stats.OldestMessageAge?.TotalSeconds, queue.DeadLetterQueue));
        }
        return result;
    }
}
