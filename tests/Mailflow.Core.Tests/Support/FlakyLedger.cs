using Mailflow.Core.Ports;

namespace Mailflow.Core.Tests.Support;

/// <summary>A ledger in front of another that fails (transiently, an <see cref="IOException"/>) the next writes of one event kind.</summary>
public sealed class FlakyLedger(IMessageLedger inner) : IMessageLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<LedgerEvent, int> _failures = [];

    public void FailNext(LedgerEvent kind, int count = 1)
    {
        lock (_lock)
        {
            _failures[kind] = _failures.GetValueOrDefault(kind) + count;
        }
    }

    public Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (_failures.GetValueOrDefault(entry.Event) > 0)
            {
                _failures[entry.Event]--;
                throw new IOException($"The ledger is unavailable; {entry.Event} for {entry.MailId} was not recorded.");
            }
        }
        return inner.RecordAsync(entry, cancellationToken);
    }
}
