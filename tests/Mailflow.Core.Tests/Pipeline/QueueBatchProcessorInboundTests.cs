using System.Text;
using System.Text.Json;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;
using Mailflow.Core.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace Mailflow.Core.Tests.Pipeline;

public class QueueBatchProcessorInboundTests
{
    private const string Inbound = "mailflow-local-inbound";
    private const string DeadLetters = "mailflow-local-inbound-dlq";

    private static (QueueBatchProcessor Processor, TestPipeline Pipeline) Create(TestPipeline? pipeline = null)
    {
        pipeline ??= new TestPipeline();
        var processor = new QueueBatchProcessor(new InboundRecordHandler(pipeline.Pipeline), pipeline.Queues, Inbound, maxReceiveCount: 3, pipeline.Time,
            new FakeLogger<QueueBatchProcessor>());
        return (processor, pipeline);
    }

    private static string Body(SesReceiptNotification notification) =>
        JsonSerializer.Serialize(notification, SesJsonContext.Default.SesReceiptNotification);

    [Fact]
    public async Task A_good_record_is_processed_and_not_reported_failed()
    {
        var (processor, pipeline) = Create();
        var notification = TestPipeline.Notification("ses-ok", ["_app1@example.com"]);
        pipeline.RawMail.Put(notification.Receipt.Action.ObjectKey, Encoding.UTF8.GetBytes(MailBuilder.Simple()));

        var result = await processor.ProcessAsync([new QueueRecord("m1", Body(notification), 1)], CancellationToken.None);

        Assert.Empty(result.FailedMessageIds);
        Assert.Single(pipeline.Queues.Messages("mailflow-local-app1"));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("{\"mail\": 42}")]
    public async Task A_body_that_is_not_a_notification_is_dead_lettered_at_once_with_diagnostics(string body)
    {
        var (processor, pipeline) = Create();

        var result = await processor.ProcessAsync([new QueueRecord("m-bad", body, 1)], CancellationToken.None);

        Assert.Empty(result.FailedMessageIds);
        var dead = Assert.Single(pipeline.Queues.Messages(DeadLetters));
        Assert.Equal(body, dead.Body);
        Assert.Equal("permanent", dead.Attributes[DeadLetterAttributes.FailureClass]);
        Assert.Equal(Inbound, dead.Attributes[DeadLetterAttributes.SourceQueue]);
        Assert.Equal("m-bad", dead.Attributes[DeadLetterAttributes.OriginalMessageId]);
        Assert.Equal("1", dead.Attributes[DeadLetterAttributes.ReceiveCount]);
    }

    [Fact]
    public async Task A_notification_whose_raw_mail_is_gone_is_dead_lettered_as_permanent()
    {
        var (processor, pipeline) = Create();

        await processor.ProcessAsync([new QueueRecord("m-gone", Body(TestPipeline.Notification("ses-gone", ["_app1@example.com"])), 1)], CancellationToken.None);

        var dead = Assert.Single(pipeline.Queues.Messages(DeadLetters));
        Assert.Equal(nameof(RawMailNotFoundException), dead.Attributes[DeadLetterAttributes.ErrorType]);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_until_the_last_receive_then_dead_lettered_as_exhausted()
    {
        var pipeline = new TestPipeline();
        var notification = TestPipeline.Notification("ses-flaky", ["_app1@example.com"]);
        var failing = new InboundPipeline(new InboundRules(pipeline.Config), new FailingRawMailStore(), pipeline.Attachments, pipeline.Queues,
            pipeline.Ledger, pipeline.Threads, pipeline.Links, pipeline.Time, pipeline.Logger);
        var processor = new QueueBatchProcessor(new InboundRecordHandler(failing), pipeline.Queues, Inbound, 3, pipeline.Time, new FakeLogger<QueueBatchProcessor>());

        var first = await processor.ProcessAsync([new QueueRecord("m-flaky", Body(notification), 1)], CancellationToken.None);
        var second = await processor.ProcessAsync([new QueueRecord("m-flaky", Body(notification), 2)], CancellationToken.None);
        var last = await processor.ProcessAsync([new QueueRecord("m-flaky", Body(notification), 3)], CancellationToken.None);

        Assert.Equal(["m-flaky"], first.FailedMessageIds);
        Assert.Equal(["m-flaky"], second.FailedMessageIds);
        Assert.Empty(last.FailedMessageIds);
        var dead = Assert.Single(pipeline.Queues.Messages(DeadLetters));
        Assert.Equal(("exhausted", nameof(IOException), "3"),
            (dead.Attributes[DeadLetterAttributes.FailureClass], dead.Attributes[DeadLetterAttributes.ErrorType], dead.Attributes[DeadLetterAttributes.ReceiveCount]));
    }

    [Fact]
    public async Task One_bad_record_does_not_fail_the_others_in_its_batch()
    {
        var (processor, pipeline) = Create();
        var good = TestPipeline.Notification("ses-good", ["_app2@example.com"]);
        pipeline.RawMail.Put(good.Receipt.Action.ObjectKey, Encoding.UTF8.GetBytes(MailBuilder.Simple()));

        var result = await processor.ProcessAsync([new QueueRecord("bad", "{", 1), new QueueRecord("good", Body(good), 1)], CancellationToken.None);

        Assert.Empty(result.FailedMessageIds);
        Assert.Single(pipeline.Queues.Messages("mailflow-local-app2"));
        Assert.Single(pipeline.Queues.Messages(DeadLetters));
    }

    private sealed class FailingRawMailStore : IRawMailStore
    {
        public Task<Stream> OpenReadAsync(RawMailLocation location, CancellationToken cancellationToken) =>
            throw new IOException("disk unavailable");
    }
}
