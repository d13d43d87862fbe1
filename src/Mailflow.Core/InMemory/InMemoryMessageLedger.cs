using System.Collections.Concurrent;
using Mailflow.Core.Ports;

namespace Mailflow.Core.InMemory;

/// <summary>A ledger in memory: every entry, in order.</summary>
public sealed class InMemoryMessageLedger : IMessageLedger
{
    private readonly ConcurrentQueue<LedgerEntry> _entries = new();

    public IReadOnlyList<LedgerEntry> Entries => [.. _entries];

    public Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }
}
