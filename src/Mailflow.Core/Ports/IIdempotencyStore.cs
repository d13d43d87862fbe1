namespace Mailflow.Core.Ports;

/// <summary>
/// Remembers (app, idempotency key) pairs, each with one atomic conditional write (LESSONS.md: a read followed by a
/// write let duplicates through). The owner is the queue message that claimed the key, so that the same message
/// redelivered after a transient failure may try again while a second message with the same key is a duplicate.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for the request's owner unless it is already held: sent, or pending under another owner,
    /// and not expired. Succeeds again for the same owner while pending.
    /// </summary>
    Task<IdempotencyClaim> TryClaimAsync(IdempotencyRequest request, CancellationToken cancellationToken);

    /// <summary>Marks the owner's claim sent: from now on every envelope with the key is a duplicate until it expires.</summary>
    Task MarkSentAsync(IdempotencyRequest request, CancellationToken cancellationToken);

    /// <summary>Gives up the owner's pending claim (the mail was dead-lettered), so that the app may send it again with the same key.</summary>
    Task ReleaseAsync(IdempotencyRequest request, CancellationToken cancellationToken);
}
