using Mailflow.Testing.Contracts;
using Mailflow.Core.InMemory;
using Mailflow.Core.Ports;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>
/// The idempotency contract on the in-memory store. Excluded from compilation in the test project until
/// <see cref="InMemoryIdempotencyStore"/> is merged in (it is written on another branch); remove the Compile Remove then.
/// </summary>
public sealed class InMemoryIdempotencyStoreContractTests : IdempotencyStoreContractTests
{
    protected override Task<IIdempotencyStore> OpenStoreAsync() => Task.FromResult<IIdempotencyStore>(new InMemoryIdempotencyStore());
}
