using Mailflow.Testing.Contracts;
using Mailflow.Core.InMemory;
using Mailflow.Core.Ports;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>The thread index contract on the in-memory index.</summary>
public sealed class InMemoryThreadIndexContractTests : ThreadIndexContractTests
{
    protected override Task<IThreadIndex> OpenIndexAsync() => Task.FromResult<IThreadIndex>(new InMemoryThreadIndex());
}
