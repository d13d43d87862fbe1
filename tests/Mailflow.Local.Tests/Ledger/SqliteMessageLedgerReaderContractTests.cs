using Mailflow.Core.Operations;
using Mailflow.Core.Ports;
using Mailflow.Local.Ledger;
using Mailflow.Local.Tests.Queues.Support;
using Mailflow.Testing.Contracts;

namespace Mailflow.Local.Tests.Ledger;

/// <summary>The ledger reader contract on a real SQLite file.</summary>
public sealed class SqliteMessageLedgerReaderContractTests : MessageLedgerReaderContract
{
    private readonly QueueTestContext _context = QueueTestContext.OnFakeTime();

    protected override async Task<(IMessageLedger Ledger, IMessageLedgerReader Reader)> OpenAsync() =>
        (await SqliteMessageLedger.OpenAsync(_context.Engine, CancellationToken.None), new SqliteMessageLedgerReader(_context.Engine));

    public override async Task DisposeAsync() => await _context.DisposeAsync();
}
