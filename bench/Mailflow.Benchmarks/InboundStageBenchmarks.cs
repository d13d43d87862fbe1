using BenchmarkDotNet.Attributes;
using Mailflow.Core.Configuration;
using Mailflow.Core.Envelopes;
using Mailflow.Core.Mail;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ses;

namespace Mailflow.Benchmarks;

/// <summary>The stages of <see cref="InboundPipelineBenchmarks"/> one by one, on the 20 KB mail, to show where time goes.</summary>
[MemoryDiagnoser]
public class InboundStageBenchmarks
{
    private byte[] _raw = null!;
    private ParsedMail _parsed = null!;
    private InboundRules _rules = null!;
    private InboundEnvelope _envelope = null!;
    private SesReceiptNotification _notification = null!;

    [GlobalSetup]
    public void Setup()
    {
        MailEncodings.Register();
        _raw = SampleMail.OfSize(20 * 1024);
        _parsed = MailParser.Parse(new MemoryStream(_raw), CancellationToken.None);
        _rules = new InboundRules(DefaultConfig.Instance);
        _notification = BenchPipeline.Notification("stage");
        _envelope = InboundEnvelopeFactory.Create(_notification, _parsed.Message, MailContent.Of(_parsed.Message), _raw.Length) with { App = "app1" };
    }

    [Benchmark]
    public async Task Parse()
    {
        await using var parsed = MailParser.Parse(new MemoryStream(_raw), CancellationToken.None);
    }

    [Benchmark]
    public int ScanAttachments() => AttachmentScanner.Scan(MailContent.Of(_parsed.Message).Attachments, CancellationToken.None).Count;

    [Benchmark]
    public InboundEnvelope DecodeBodiesIntoEnvelope() =>
        InboundEnvelopeFactory.Create(_notification, _parsed.Message, MailContent.Of(_parsed.Message), _raw.Length);

    [Benchmark]
    public int RouteAndPolice()
    {
        var routing = _rules.Router.Route(_notification.Receipt.Recipients);
        return DeliveryPlanner.Plan(_rules, routing, "ann@sender.example", ReceiptVerdicts.AllPass, _raw.Length, []).Count;
    }

    [Benchmark]
    public int SerializeEnvelope() => EnvelopePublisher.Serialize(_envelope).Length;
}
