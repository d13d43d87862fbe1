namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>
/// The test classes that share one <see cref="ApiDeployment"/>: they run one after another, so a test that flips a
/// switch on the control plane or fills a queue sets it back or uses names no other test reads.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiDeploymentCollection : ICollectionFixture<ApiDeployment>
{
    public const string Name = "api deployment";
}
