using BenchmarkDotNet.Running;
using Mailflow.Benchmarks;

if (args.Length > 0 && args[0] == "peak-memory")
{
    return await PeakMemoryProbe.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(InboundPipelineBenchmarks).Assembly).Run(args);
return 0;
