using BenchmarkDotNet.Attributes;
using Mailflow.Core.Configuration;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Ses;

namespace Mailflow.Benchmarks;

/// <summary>
/// One received mail through fetch, parse, police, route, attachment store and envelope serialisation,
/// for two target apps. Target (issue 2): the 20 KB mail at 5,000 mails/s or more on one core, i.e. a mean under 200 µs.
/// </summary>
[MemoryDiagnoser]
public class InboundPipelineBenchmarks
{
    private BenchPipeline _bench = null!;
    private SesReceiptNotification _notification = null!;

    [Params(2 * 1024, 20 * 1024, 2 * 1024 * 1024)]
    public int MailBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = new BenchPipeline(DefaultConfig.Instance);
        _notification = BenchPipeline.Notification($"bench-{MailBytes}");
        _bench.RawMail.Put(_notification.Receipt.Action.ObjectKey, SampleMail.OfSize(MailBytes));
    }

    [Benchmark]
    public Task<InboundResult> ParsePoliceRouteSerialize() => _bench.Pipeline.ProcessAsync(_notification, CancellationToken.None);
}
