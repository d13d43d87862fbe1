namespace Mailflow.Aws.Tests.Storage;

/// <summary>Allocation measurements count every thread, so the tests in this collection run while no other test does.</summary>
[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;
