using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.DynamoDb;

/// <summary>
/// The DynamoDB test classes share one dynalite process and run one after another (dynalite is one Node process;
/// on this 2-core machine parallel classes would only queue behind each other).
/// </summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteServer>
{
    public const string Name = "dynalite";
}
