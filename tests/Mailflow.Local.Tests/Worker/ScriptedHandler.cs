using System.Collections.Concurrent;
using Mailflow.Core.Pipeline;

namespace Mailflow.Local.Tests.Worker;

/// <summary>A record handler that does what the record's body says: finish, ask to come back later, or fail.</summary>
internal sealed class ScriptedHandler : IQueueRecordHandler
{
    public const string Done = "done";
    public const string Delay30 = "delay 30 s";
    public const string Delay180 = "delay 180 s";
    public const string Throw = "throw";

    private readonly ConcurrentQueue<QueueRecord> _handled = new();

    /// <summary>Every record handed over, in order.</summary>
    public IReadOnlyList<QueueRecord> Handled => [.. _handled];

    public Task<RecordOutcome> HandleAsync(QueueRecord record, CancellationToken cancellationToken)
    {
        _handled.Enqueue(record);
        return record.Body switch
        {
            Done => Task.FromResult(RecordOutcome.Done),
            Delay30 => Task.FromResult(RecordOutcome.Delay(TimeSpan.FromSeconds(30))),
            Delay180 => Task.FromResult(RecordOutcome.Delay(TimeSpan.FromSeconds(180))),
            _ => throw new IOException("the relay is unreachable"),
        };
    }

    public Task DeadLetteredAsync(QueueRecord record, DeadLetter deadLetter, CancellationToken cancellationToken) => Task.CompletedTask;
}
