using System.Text;
using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Envelopes;
using Mailflow.Core.InMemory;
using Mailflow.Core.Outbound;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Core.Tests.Support;

/// <summary>
/// The real outbound path (batch processor, record handler, pipeline) on the outbound queue over in-memory adapters,
/// a recording mail sender and fake time. The inbound side is a <see cref="TestPipeline"/> sharing the thread index,
/// attachment store, queues and clock, so that mail received, answered and answered again can be followed.
/// </summary>
public sealed class TestOutbound
{
    public const string Queue = "mailflow-local-outbound";
    public const string DeadLetterQueue = "mailflow-local-outbound-dlq";
    public const int MaxReceiveCount = 3;

    /// <param name="ledger">Puts something in front of <see cref="Ledger"/> for the outbound side (a ledger that fails, say).</param>
    /// <param name="queues">Puts something in front of <see cref="Queues"/> for the batch processor (its dead-letter writes).</param>
    public TestOutbound(MailflowConfig? config = null, OutboundRateLimitsConfig? rateLimits = null,
        Func<IMessageLedger, IMessageLedger>? ledger = null, Func<IQueueClient, IQueueClient>? queues = null)
    {
        Inbound = new TestPipeline(config);
        Rules = new OutboundRules(Inbound.Config);
        RateLimiter = new OutboundRateLimiter(rateLimits ?? Generous, Time);
        var ledgerPort = ledger?.Invoke(Ledger) ?? Ledger;
        Pipeline = new OutboundPipeline(Rules, Idempotency, Threads, Attachments, Sender, RateLimiter, ledgerPort, Time, PipelineLogger);
        Handler = new OutboundRecordHandler(Pipeline, Idempotency, ledgerPort, Time, HandlerLogger);
        Processor = new QueueBatchProcessor(Handler, queues?.Invoke(Queues) ?? Queues, Queue, MaxReceiveCount, Time, ProcessorLogger);
    }

    /// <summary>Limits no test reaches by accident.</summary>
    public static OutboundRateLimitsConfig Generous => new()
    {
        PerApp = new RateLimitConfig { PerSecond = 1000, Burst = 1000 },
        PerRecipientDomain = new RateLimitConfig { PerSecond = 1000, Burst = 1000 },
    };

    /// <summary>A tight per-app bucket (recipient domains stay generous).</summary>
    public static OutboundRateLimitsConfig TightPerApp(double perSecond, int burst) => Generous with
    {
        PerApp = new RateLimitConfig { PerSecond = perSecond, Burst = burst },
    };

    /// <summary>The inbound pipeline that shares this harness's thread index, attachment store, queues and clock.</summary>
    public TestPipeline Inbound { get; }

    public FakeTimeProvider Time => Inbound.Time;
    public InMemoryThreadIndex Threads => Inbound.Threads;
    public InMemoryAttachmentStore Attachments => Inbound.Attachments;
    public InMemoryQueueClient Queues => Inbound.Queues;

    /// <summary>The outbound side's ledger (the inbound side writes <see cref="TestPipeline.Ledger"/>).</summary>
    public InMemoryMessageLedger Ledger { get; } = new();

    public InMemoryIdempotencyStore Idempotency { get; } = new();
    public RecordingMailSender Sender { get; } = new();
    public OutboundRules Rules { get; }
    public OutboundRateLimiter RateLimiter { get; }
    public FakeLogger<OutboundPipeline> PipelineLogger { get; } = new();
    public FakeLogger<OutboundRecordHandler> HandlerLogger { get; } = new();
    public FakeLogger<QueueBatchProcessor> ProcessorLogger { get; } = new();
    public OutboundPipeline Pipeline { get; }
    public OutboundRecordHandler Handler { get; }
    public QueueBatchProcessor Processor { get; }

    public IReadOnlyList<QueueMessage> DeadLetters => Queues.Messages(DeadLetterQueue);

    /// <summary>The envelope as an app would put it on the queue.</summary>
    public static string Json(OutboundEnvelope envelope) => JsonSerializer.Serialize(envelope, OutboundJsonContext.Default.OutboundEnvelope);

    /// <summary>The mail id the pipeline gives an envelope of app1 with this key.</summary>
    public static string MailId(string key, string app = "app1") => OutboundIds.MailId(app, key);

    /// <summary>One batch of the given records, as a Lambda invocation or a local poll would hand it over.</summary>
    public Task<BatchResult> ProcessAsync(params QueueRecord[] records) => Processor.ProcessAsync(records, CancellationToken.None);

    /// <summary>One queue message holding <paramref name="body"/>, received for the <paramref name="receiveCount"/>-th time.</summary>
    public Task<BatchResult> ProcessAsync(string body, string messageId = "q-1", int receiveCount = 1) =>
        ProcessAsync(new QueueRecord(messageId, body, receiveCount));

    public Task<BatchResult> ProcessAsync(OutboundEnvelope envelope, string messageId = "q-1", int receiveCount = 1) =>
        ProcessAsync(Json(envelope), messageId, receiveCount);

    /// <summary>The outbound ledger's entries for one mail, in order.</summary>
    public IReadOnlyList<LedgerEntry> LedgerOf(string mailId) => [.. Ledger.Entries.Where(e => e.MailId == mailId)];

    public Task PutAttachmentAsync(string key, byte[] content, string contentType = "application/pdf") =>
        Attachments.PutAsync(key, new MemoryStream(content, writable: false), contentType, CancellationToken.None);

    /// <summary>Receives a mail for <c>_app1@example.com</c> and returns app1's envelope (delivered or quarantined).</summary>
    public async Task<InboundEnvelope> ReceiveAsync(string raw, string sesMessageId, ReceiptVerdicts? verdicts = null)
    {
        var result = await Inbound.ReceiveAsync(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")), ["_app1@example.com"], sesMessageId, verdicts);
        var delivery = Assert.Single(result.Deliveries);
        return Assert.IsType<InboundEnvelope>(delivery.Envelope);
    }
}
