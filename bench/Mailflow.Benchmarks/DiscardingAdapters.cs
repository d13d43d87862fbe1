using Mailflow.Core.Ports;

namespace Mailflow.Benchmarks;

/// <summary>Adapters that consume what they are given and keep nothing, so benchmarks measure Mailflow's own work.</summary>
public sealed class DiscardingAttachmentStore : IAttachmentStore
{
    public long BytesStored { get; private set; }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var buffer = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            BytesStored += read;
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => throw new StoredObjectNotFoundException(key);
}

public sealed class DiscardingQueueClient : IQueueClient
{
    public long BytesSent { get; private set; }

    public Task SendAsync(string queueName, QueueMessage message, CancellationToken cancellationToken)
    {
        BytesSent += message.Body.Length;
        return Task.CompletedTask;
    }
}

public sealed class DiscardingLedger : IMessageLedger
{
    public Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class DiscardingThreadIndex : IThreadIndex
{
    public Task RecordAsync(ThreadEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ThreadEntry?> FindByMailIdAsync(string mailId, CancellationToken cancellationToken) => Task.FromResult<ThreadEntry?>(null);

    public Task<ThreadEntry?> FindByMessageIdsAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken) => Task.FromResult<ThreadEntry?>(null);
}
