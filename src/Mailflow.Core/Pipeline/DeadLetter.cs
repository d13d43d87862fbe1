namespace Mailflow.Core.Pipeline;

/// <summary>A queue record <see cref="QueueBatchProcessor"/> has moved to a dead-letter queue, and why.</summary>
/// <param name="Queue">The dead-letter queue it now sits on.</param>
/// <param name="FailureClass"><see cref="DeadLetterAttributes.Permanent"/> or <see cref="DeadLetterAttributes.Exhausted"/>.</param>
/// <param name="ReasonCode">The failure's stable reason code (<c>relay-rejected</c>, …), or its failure class when it has none.</param>
/// <param name="Failure">What the record's last attempt threw.</param>
public sealed record DeadLetter(string Queue, string FailureClass, string ReasonCode, Exception Failure);
