using Mailflow.Core.Operations;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Operations;

/// <summary>One of Mailflow's queues exists in the queue engine and its depths can be read.</summary>
public sealed class QueuePresenceCheck(IQueueEngine engine, string queue) : IDependencyCheck
{
    public string Name => $"queue:{queue}";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (await engine.GetQueueAsync(queue, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException(
                $"The queue '{queue}' does not exist; `mailflow run` creates every queue of the configuration at start, so restart it.");
        }
        _ = await engine.GetStatsAsync(queue, cancellationToken).ConfigureAwait(false);
    }
}
