using Mailflow.Core.Ports;
using Mailflow.Local.Ledger;
using Mailflow.Local.Tests.Queues.Support;
using Mailflow.Testing.Contracts;

namespace Mailflow.Local.Tests.Ledger;

/// <summary>The ledger contract on a real SQLite file, read back through <see cref="SqliteMessageLedger.EntriesForAsync"/>.</summary>
public sealed class SqliteMessageLedgerContractTests : LedgerContractTests
{
    private readonly QueueTestContext _context = QueueTestContext.OnFakeTime();

    protected override async Task<IMessageLedger> OpenLedgerAsync() =>
        await SqliteMessageLedger.OpenAsync(_context.Engine, CancellationToken.None);

    protected override Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string mailId) =>
        ((SqliteMessageLedger)Ledger).EntriesForAsync(mailId, CancellationToken.None);

    public override async Task DisposeAsync() => await _context.DisposeAsync();
}
