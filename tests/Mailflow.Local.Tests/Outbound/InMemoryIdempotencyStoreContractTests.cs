using Mailflow.Testing.Contracts;
using Mailflow.Core.InMemory;
using Mailflow.Core.Ports;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>
/// The idempotency contract on the in-memory store that the pipeline's unit tests use, so that a fake never passes
/// where SQLite or DynamoDB would not.
/// </summary>
public sealed class InMemoryIdempotencyStoreContractTests : IdempotencyStoreContractTests
{
    protected override Task<IIdempotencyStore> OpenStoreAsync() => Task.FromResult<IIdempotencyStore>(new InMemoryIdempotencyStore());
}
