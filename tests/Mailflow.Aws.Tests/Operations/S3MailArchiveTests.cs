using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Aws.Operations;
using Mailflow.Aws.Queues;
using Mailflow.Aws.Storage;
using Mailflow.Core.Configuration;
using Mailflow.Core.InMemory;
using Mailflow.Core.Links;
using Mailflow.Core.Operations;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ses;
using Mailflow.Testing.Emulators;
using Mailflow.Testing.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>
/// <see cref="S3MailArchive"/> on fauxqs (S3 and SQS): raw mail, and replays and test mail that become the notification
/// SES would have sent, which the real <see cref="InboundPipeline"/> then processes from the stored object.
/// </summary>
public sealed class S3MailArchiveTests(FauxqsServer fauxqs) : IClassFixture<FauxqsServer>, IAsyncLifetime
{
    private static readonly DateTimeOffset s_noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly AmazonS3Client _s3 = fauxqs.Environment.CreateS3();
    private readonly AmazonSQSClient _sqs = fauxqs.Environment.CreateSqs();
    private readonly InMemoryLedgerReader _ledger = new();
    private readonly MailflowConfig _config = OperationsConfig.Fresh();
    private string _bucket = "";
    private string _inboundUrl = "";

    private S3MailArchive Archive => new(_s3, _bucket, new SqsQueueClient(_sqs, TimeProvider.System), _config, _ledger, TimeProvider.System);

    public async Task InitializeAsync()
    {
        _bucket = await fauxqs.CreateBucketAsync("raw");
        _inboundUrl = await fauxqs.CreateQueueAsync(new QueueNames(_config.Environment).Inbound);
    }

    public Task DisposeAsync()
    {
        _s3.Dispose();
        _sqs.Dispose();
        return Task.CompletedTask;
    }

    private async Task StoreAsSesWouldAsync(string sesId, byte[] mail) =>
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "raw/" + sesId, InputStream = new MemoryStream(mail) });

    private async Task<SesReceiptNotification> InboundNotificationAsync()
    {
        var message = Assert.Single((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _inboundUrl, WaitTimeSeconds = 2, MaxNumberOfMessages = 10 })).Messages);
        await _sqs.DeleteMessageAsync(_inboundUrl, message.ReceiptHandle);
        return JsonSerializer.Deserialize(message.Body, SesJsonContext.Default.SesReceiptNotification)!;
    }

    /// <summary>The worker's inbound pipeline with the S3 adapters over fauxqs, other ports in memory.</summary>
    private async Task<InboundResult> ProcessAsync(SesReceiptNotification notification)
    {
        var attachments = new S3AttachmentStore(_s3, await fauxqs.CreateBucketAsync("att"));
        var links = new AttachmentLinkSigner(_config.Links.BaseUrl, Encoding.ASCII.GetBytes("test-link-signing-key-0123456789abcdef"),
            TimeSpan.FromHours(_config.Links.TtlHours), TimeProvider.System);
        var pipeline = new InboundPipeline(new InboundRules(_config), new S3RawMailStore(_s3), attachments, new InMemoryQueueClient(),
            new InMemoryMessageLedger(), new InMemoryThreadIndex(), links, TimeProvider.System, NullLogger<InboundPipeline>.Instance);
        return await pipeline.ProcessAsync(notification, CancellationToken.None);
    }

    [Fact]
    public async Task OpenRaw_returns_the_stored_mail_byte_for_byte()
    {
        var content = Bytes.Random(200_000);
        await StoreAsSesWouldAsync("ses-raw-1", content);

        await using var raw = await Archive.OpenRawAsync("ses-raw-1", CancellationToken.None);
        using var copy = new MemoryStream();
        await raw!.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
    }

    [Theory]
    [InlineData("never-stored")]
    [InlineData("../raw/ses-raw-2")]
    [InlineData("a/b")]
    public async Task OpenRaw_of_a_mail_that_is_not_stored_is_null(string mailId)
    {
        await StoreAsSesWouldAsync("ses-raw-2", [1, 2, 3]);

        Assert.Null(await Archive.OpenRawAsync(mailId, CancellationToken.None));
    }

    [Fact]
    public async Task Replaying_a_mail_that_is_not_stored_is_false_and_queues_nothing()
    {
        Assert.False(await Archive.ReplayAsync("never-stored", CancellationToken.None));

        var depth = (await _sqs.GetQueueAttributesAsync(_inboundUrl, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"];
        Assert.Equal("0", depth);
    }

    [Fact]
    public async Task A_replay_queues_the_notification_SES_sent_with_its_stored_verdicts_and_the_pipeline_delivers_it_again()
    {
        var sesId = "replay" + Guid.NewGuid().ToString("N");
        await StoreAsSesWouldAsync(sesId, SesStoredMail.Build(sesId, spam: "GRAY", virus: "PASS", spf: "pass", dkim: "none", dmarc: "none",
            senderHeaders: "X-SES-Virus-Verdict: FAIL\r\n"));
        _ledger.Add(new MessageSummary(sesId, "inbound", s_noon, s_noon, "routed", ["app1"], "sender@sender.test", ["_app1@example.com", "_app2@example.com"], "Replay me"));

        var replayed = await Archive.ReplayAsync(sesId, CancellationToken.None);
        var notification = await InboundNotificationAsync();
        var result = await ProcessAsync(notification);

        Assert.True(replayed);
        Assert.Equal((sesId, "sender@sender.test"), (notification.Mail.MessageId, notification.Mail.Source));
        Assert.Equal(["_app1@example.com", "_app2@example.com"], notification.Receipt.Recipients);
        Assert.Equal((_bucket, "raw/" + sesId), (notification.Receipt.Action.BucketName, notification.Receipt.Action.ObjectKey));
        Assert.Equal(new ReceiptVerdicts("PASS", "GRAY", "GRAY", "GRAY", "PASS"), notification.Receipt.Verdicts());
        Assert.Equal(sesId, result.SesMessageId);
        Assert.Equal(["app1", "app2"], result.Deliveries.Where(d => d.Outcome == DeliveryOutcome.Delivered).Select(d => d.App).Order(StringComparer.Ordinal));
        var envelope = result.Deliveries.First(d => d.App == "app1").Envelope!;
        Assert.Equal((sesId + ".app1", "PASS", "GRAY", "GRAY", "PASS"), (envelope.Id, envelope.Verdicts.Spf, envelope.Verdicts.Spam, envelope.Verdicts.Dmarc, envelope.Verdicts.Virus));
    }

    [Fact]
    public async Task A_replay_of_mail_SES_judged_spam_is_quarantined_again()
    {
        var sesId = "spam" + Guid.NewGuid().ToString("N");
        await StoreAsSesWouldAsync(sesId, SesStoredMail.Build(sesId, spam: "FAIL"));
        _ledger.Add(new MessageSummary(sesId, "inbound", s_noon, s_noon, "quarantined", [], "sender@sender.test", ["_app1@example.com"], null));

        await Archive.ReplayAsync(sesId, CancellationToken.None);
        var notification = await InboundNotificationAsync();
        var result = await ProcessAsync(notification);

        Assert.Equal("FAIL", notification.Receipt.SpamVerdict!.Status);
        Assert.All(result.Deliveries, d => Assert.Equal(DeliveryOutcome.Quarantined, d.Outcome));
    }

    [Fact]
    public async Task A_replay_reads_SESs_block_even_when_the_mail_header_is_longer_than_the_bytes_read()
    {
        var sesId = "longheader" + Guid.NewGuid().ToString("N");
        var padding = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"X-Padding-{i}: {new string('x', 60)}\r\n"));
        await StoreAsSesWouldAsync(sesId, SesStoredMail.Build(sesId, spam: "FAIL", dkim: "fail", senderHeaders: padding));

        await Archive.ReplayAsync(sesId, CancellationToken.None);
        var notification = await InboundNotificationAsync();

        Assert.Equal(("FAIL", "FAIL", "PASS"), (notification.Receipt.SpamVerdict!.Status, notification.Receipt.DkimVerdict!.Status, notification.Receipt.SpfVerdict!.Status));
    }

    [Fact]
    public async Task A_replay_the_ledger_knows_nothing_of_takes_the_envelope_SES_wrote_into_the_mail()
    {
        var sesId = "noledger" + Guid.NewGuid().ToString("N");
        await StoreAsSesWouldAsync(sesId, SesStoredMail.Build(sesId, recipient: "_app2@example.com"));

        await Archive.ReplayAsync(sesId, CancellationToken.None);
        var notification = await InboundNotificationAsync();

        Assert.Equal(("sender@sender.test", "_app2@example.com"), (notification.Mail.Source, Assert.Single(notification.Receipt.Recipients)));
    }

    [Fact]
    public async Task A_replay_with_no_known_recipient_is_refused_with_a_reason()
    {
        var sesId = "norcpt" + Guid.NewGuid().ToString("N");
        await StoreAsSesWouldAsync(sesId, SesStoredMail.Build(sesId, recipient: null));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Archive.ReplayAsync(sesId, CancellationToken.None));

        Assert.Contains("recipients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injecting_a_test_mail_stores_it_and_queues_the_notification_SES_would_send_for_it()
    {
        var mime = Encoding.ASCII.GetBytes("From: tester@sender.test\r\nTo: app1@example.com\r\nSubject: test\r\nMessage-ID: <t1@sender.test>\r\n\r\nHello.\r\n");

        var mailId = await Archive.InjectAsync(new NonSeekableStream(new MemoryStream(mime)), "tester@sender.test", ["_app1@example.com"], CancellationToken.None);
        var notification = await InboundNotificationAsync();
        using var stored = await _s3.GetObjectAsync(_bucket, "raw/" + mailId);
        using var copy = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(copy);
        var result = await ProcessAsync(notification);

        Assert.Equal((mailId, "tester@sender.test"), (notification.Mail.MessageId, notification.Mail.Source));
        Assert.Equal(["_app1@example.com"], notification.Receipt.Recipients);
        Assert.Equal((_bucket, "raw/" + mailId), (notification.Receipt.Action.BucketName, notification.Receipt.Action.ObjectKey));
        Assert.Equal(new ReceiptVerdicts("DISABLED", "DISABLED", "DISABLED", "DISABLED", "DISABLED"), notification.Receipt.Verdicts());
        Assert.Equal(mime, copy.ToArray());
        Assert.Equal("app1", Assert.Single(result.Deliveries, d => d.Outcome == DeliveryOutcome.Delivered).App);
    }

    [Fact]
    public async Task Injecting_without_a_recipient_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Archive.InjectAsync(new MemoryStream([1]), "a@b.test", [], CancellationToken.None));
    }
}
