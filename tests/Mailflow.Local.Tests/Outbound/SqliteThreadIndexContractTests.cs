using Mailflow.Testing.Contracts;
using Mailflow.Core.Ports;
using Mailflow.Local.Outbound;
using Mailflow.Local.Tests.Queues.Support;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>The thread index contract on a real SQLite file, plus durability.</summary>
public sealed class SqliteThreadIndexContractTests : ThreadIndexContractTests
{
    private readonly QueueTestContext _context = QueueTestContext.OnFakeTime();

    protected override async Task<IThreadIndex> OpenIndexAsync() =>
        await SqliteThreadIndex.OpenAsync(_context.Engine, CancellationToken.None);

    public override async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Recorded_mails_survive_a_restart()
    {
        var mail = new ThreadEntry("out-1", "ses-0", ThreadEntry.Outbound, ["ours@mailflow.local"], ["root@example.com"], 3, "list-mail");
        await RecordAsync(mail);

        await _context.ReopenAsync();
        var reopened = await SqliteThreadIndex.OpenAsync(_context.Engine, CancellationToken.None);

        AssertSame(mail, await reopened.FindByMailIdAsync("out-1", CancellationToken.None));
        AssertSame(mail, await reopened.FindByMessageIdsAsync(["ours@mailflow.local"], CancellationToken.None));
    }
}
