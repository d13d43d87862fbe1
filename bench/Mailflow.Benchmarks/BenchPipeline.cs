using System.Security.Cryptography;
using Mailflow.Core.Configuration;
using Mailflow.Core.InMemory;
using Mailflow.Core.Links;
using Mailflow.Core.Mail;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Benchmarks;

/// <summary>The real inbound pipeline over an in-memory raw store and discarding outputs.</summary>
public sealed class BenchPipeline
{
    public BenchPipeline(MailflowConfig config)
    {
        MailEncodings.Register();
        var links = new AttachmentLinkSigner(config.Links.BaseUrl, RandomNumberGenerator.GetBytes(32), TimeSpan.FromDays(7), TimeProvider.System);
        Pipeline = new InboundPipeline(new InboundRules(config), RawMail, Attachments, Queues, new DiscardingLedger(), new DiscardingThreadIndex(), links,
            TimeProvider.System, NullLogger<InboundPipeline>.Instance);
    }

    public InMemoryRawMailStore RawMail { get; } = new();
    public DiscardingAttachmentStore Attachments { get; } = new();
    public DiscardingQueueClient Queues { get; } = new();
    public InboundPipeline Pipeline { get; }

    public static SesReceiptNotification Notification(string key) =>
        SesNotificationFactory.Create(key, DateTimeOffset.UnixEpoch, "ann@sender.example", ["_app1+order-42@example.com", "_app2@example.com"],
            new RawMailLocation("bench", key), ReceiptVerdicts.AllPass);
}
