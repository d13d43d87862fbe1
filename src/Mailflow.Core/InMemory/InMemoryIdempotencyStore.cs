using Mailflow.Core.Ports;

namespace Mailflow.Core.InMemory;

/// <summary>
/// The idempotency port in memory, for tests and benchmarks. Each operation is one step under a lock, the in-memory
/// equivalent of the single conditional write the durable stores use (LESSONS.md: check-then-write let duplicates through).
/// </summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Dictionary<(string App, string Key), Record> _records = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    public Task<IdempotencyClaim> TryClaimAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            var id = (request.App, request.Key);
            if (_records.TryGetValue(id, out var held) && held.ExpiresAt > request.Now && !(held.Pending && held.Owner == request.Owner))
            {
                return Task.FromResult(IdempotencyClaim.Duplicate);
            }
            _records[id] = new Record(request.Owner, Pending: true, request.ExpiresAt);
            return Task.FromResult(IdempotencyClaim.Claimed);
        }
    }

    public Task MarkSentAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            var id = (request.App, request.Key);
            if (_records.TryGetValue(id, out var held) && held.Owner == request.Owner)
            {
                _records[id] = new Record(request.Owner, Pending: false, request.ExpiresAt);
            }
        }
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            var id = (request.App, request.Key);
            if (_records.TryGetValue(id, out var held) && held.Pending && held.Owner == request.Owner)
            {
                _records.Remove(id);
            }
        }
        return Task.CompletedTask;
    }

    private sealed record Record(string Owner, bool Pending, DateTimeOffset ExpiresAt);
}
