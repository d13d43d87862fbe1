namespace Mailflow.Aws.Tests.Ses;

/// <summary>Tests that change process-wide environment variables: run after the parallel ones, alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
