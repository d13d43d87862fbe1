namespace Mailflow.Lambda.Tests.Runtime;

/// <summary>
/// Tests that read _X_AMZN_TRACE_ID, a process-wide variable every <c>next</c> call sets: they run alone, after the
/// parallel tests, so no other test's invocation changes it under them.
/// </summary>
[CollectionDefinition(nameof(TraceEnvironmentCollection), DisableParallelization = true)]
public sealed class TraceEnvironmentCollection;
