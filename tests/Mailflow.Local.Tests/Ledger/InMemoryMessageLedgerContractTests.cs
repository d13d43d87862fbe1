using Mailflow.Core.InMemory;
using Mailflow.Core.Ports;
using Mailflow.Testing.Contracts;

namespace Mailflow.Local.Tests.Ledger;

/// <summary>The ledger contract on the in-memory ledger the pipeline tests use.</summary>
public sealed class InMemoryMessageLedgerContractTests : LedgerContractTests
{
    protected override Task<IMessageLedger> OpenLedgerAsync() => Task.FromResult<IMessageLedger>(new InMemoryMessageLedger());

    protected override Task<IReadOnlyList<LedgerEntry>> EntriesForAsync(string mailId) =>
        Task.FromResult<IReadOnlyList<LedgerEntry>>([.. ((InMemoryMessageLedger)Ledger).Entries.Where(entry => entry.MailId == mailId)]);
}
