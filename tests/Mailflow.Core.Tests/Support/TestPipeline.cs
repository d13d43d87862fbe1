using System.Text;
using Mailflow.Core.Configuration;
using Mailflow.Core.InMemory;
using Mailflow.Core.Links;
using Mailflow.Core.Mail;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Core.Tests.Support;

/// <summary>The real inbound pipeline over in-memory adapters, with fake time and a log collector.</summary>
public sealed class TestPipeline
{
    public const string Bucket = "mailflow-test-raw";
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    /// <param name="ledger">Puts something in front of <see cref="Ledger"/> for the pipeline (a ledger that fails, say).</param>
    public TestPipeline(MailflowConfig? config = null, Func<IMessageLedger, IMessageLedger>? ledger = null)
    {
        MailEncodings.Register();
        Config = config ?? DefaultConfig.Instance;
        Links = new AttachmentLinkSigner(Config.Links.BaseUrl, Encoding.ASCII.GetBytes("test-link-signing-key-0123456789abcdef"), TimeSpan.FromHours(Config.Links.TtlHours), Time);
        Pipeline = new InboundPipeline(new InboundRules(Config), RawMail, Attachments, Queues, ledger?.Invoke(Ledger) ?? Ledger, Threads, Links, Time, Logger);
    }

    public MailflowConfig Config { get; }
    public FakeTimeProvider Time { get; } = new(Now);
    public InMemoryThreadIndex Threads { get; } = new();
    public InMemoryRawMailStore RawMail { get; } = new();
    public InMemoryAttachmentStore Attachments { get; } = new();
    public InMemoryQueueClient Queues { get; } = new();
    public InMemoryMessageLedger Ledger { get; } = new();
    public FakeLogger<InboundPipeline> Logger { get; } = new();
    public AttachmentLinkSigner Links { get; }
    public InboundPipeline Pipeline { get; }

    public static MailflowConfig LoadConfig(string path)
    {
        var result = ConfigLoader.Load(path);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Config!;
    }

    /// <summary>Stores the raw mail and runs the pipeline on the notification SES would have sent for it.</summary>
    public Task<InboundResult> ReceiveAsync(byte[] raw, IReadOnlyList<string> recipients, string sesMessageId = "test-message-0001",
        ReceiptVerdicts? verdicts = null, string mailFrom = "sender@sender.example")
    {
        var notification = Notification(sesMessageId, recipients, verdicts, mailFrom);
        RawMail.Put(notification.Receipt.Action.ObjectKey, raw);
        return Pipeline.ProcessAsync(notification, CancellationToken.None);
    }

    public Task<InboundResult> ReceiveAsync(string raw, params string[] recipients) =>
        ReceiveAsync(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")), recipients);

    public static SesReceiptNotification Notification(string sesMessageId, IReadOnlyList<string> recipients,
        ReceiptVerdicts? verdicts = null, string mailFrom = "sender@sender.example") =>
        SesNotificationFactory.Create(sesMessageId, Now, mailFrom, recipients,
            new RawMailLocation(Bucket, $"raw/{sesMessageId}"), verdicts ?? ReceiptVerdicts.AllPass);
}
