using Mailflow.Core.Ports;
using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using Mailflow.Testing.Contracts;

namespace Mailflow.Local.Tests.Queues;

/// <summary>The queue client contract on the SQLite queue engine, received the way the local SQS endpoint serves it.</summary>
public sealed class SqliteQueueClientContractTests : QueueClientContractTests
{
    private readonly QueueTestContext _context = QueueTestContext.OnFakeTime();

    protected override Task<IQueueClient> OpenClientAsync() => Task.FromResult<IQueueClient>(new SqliteQueueClient(_context.Engine));

    protected override async Task CreateQueueAsync(string name) => await _context.QueueAsync(name);

    protected override async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue)
    {
        var messages = await _context.Engine.ReceiveAsync(queue, new ReceiveRequest(10, TimeSpan.FromMinutes(5), TimeSpan.Zero), CancellationToken.None);
        return [.. messages.Select(message => new QueueMessage(message.Body, message.Attributes.ToDictionary(
            pair => pair.Key,
            pair =>
            {
                Assert.Equal("String", pair.Value.DataType);
                return pair.Value.StringValue!;
            },
            StringComparer.Ordinal)))];
    }

    public override async Task DisposeAsync() => await _context.DisposeAsync();
}
