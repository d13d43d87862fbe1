using System.Collections.Concurrent;
using Mailflow.Core.Ports;
using Mailflow.Core.Threading;

namespace Mailflow.Core.InMemory;

/// <summary>
/// A thread index in memory, with the semantics of the SQLite and DynamoDB ones: re-recording a mail replaces it and
/// the Message-IDs naming it; a Message-ID keeps naming the mail first recorded under it; ids are keyed normalised.
/// </summary>
public sealed class InMemoryThreadIndex : IThreadIndex
{
    private readonly ConcurrentDictionary<string, ThreadEntry> _mails = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _mailIdsByMessageId = new(StringComparer.Ordinal);

    /// <summary>Serialises writers, so a record replaces both maps together; readers do not wait.</summary>
    private readonly Lock _writing = new();

    public Task RecordAsync(ThreadEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_writing)
        {
            if (_mails.TryGetValue(entry.MailId, out var earlier))
            {
                foreach (var id in Normalized(earlier.MessageIds))
                {
                    // Only where the id names this mail: another mail first recorded under it keeps it.
                    _mailIdsByMessageId.TryRemove(KeyValuePair.Create(id, entry.MailId));
                }
            }
            _mails[entry.MailId] = entry;
            foreach (var id in Normalized(entry.MessageIds))
            {
                // The first mail recorded under an id keeps it (a forged or reused Message-ID cannot take over a conversation).
                _mailIdsByMessageId.TryAdd(id, entry.MailId);
            }
        }
        return Task.CompletedTask;
    }

    public Task<ThreadEntry?> FindByMailIdAsync(string mailId, CancellationToken cancellationToken) =>
        Task.FromResult(_mails.GetValueOrDefault(mailId));

    public Task<ThreadEntry?> FindByMessageIdsAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        foreach (var id in Normalized(messageIds))
        {
            if (_mailIdsByMessageId.TryGetValue(id, out var mailId) && _mails.TryGetValue(mailId, out var entry))
            {
                return Task.FromResult<ThreadEntry?>(entry);
            }
        }
        return Task.FromResult<ThreadEntry?>(null);
    }

    private static IEnumerable<string> Normalized(IEnumerable<string> messageIds) =>
        messageIds.Select(MessageIds.Normalize).OfType<string>();
}
