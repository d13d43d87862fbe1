using Amazon.SQS.Model;

namespace Mailflow.Aws.Queues;

/// <summary>One caller's message waiting in a batch, and the task that caller awaits.</summary>
internal sealed record PendingSend(SendMessageBatchRequestEntry Entry, int Size)
{
    /// <summary>Continuations run asynchronously so that one caller's code never runs inside the flush of the whole batch.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
