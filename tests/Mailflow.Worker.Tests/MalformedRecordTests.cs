using Amazon.SQS.Model;
using Mailflow.Core.Configuration;
using Mailflow.Core.Pipeline;
using Mailflow.Worker.Tests.Support;

namespace Mailflow.Worker.Tests;

/// <summary>
/// sqs-one-malformed.json: a good SES notification and a truncated one. The truncated one can never succeed (a permanent
/// failure): the worker dead-letters it itself, with diagnostics, or, when it cannot, reports it as a batch item failure
/// so that the queue's own redrive keeps it. The good one is routed either way.
/// </summary>
public sealed class MalformedRecordTests(WorkerDeployment deployment) : IClassFixture<WorkerDeployment>
{
    private readonly string _app1 = deployment.Queues.ForApp("app1");
    private readonly string _deadLetters = QueueNames.DeadLetterOf(deployment.Queues.Inbound);

    [Fact]
    public async Task A_malformed_record_goes_to_the_inbound_DLQ_as_a_permanent_failure_and_the_good_one_is_routed()
    {
        await deployment.DrainAsync(_app1, _deadLetters);
        var sqsEvent = SqsEvents.Load("sqs-one-malformed.json").FromQueue(deployment.Queues.Inbound);

        var result = await deployment.InvokeAsync(sqsEvent);

        Assert.Equal("""{"batchItemFailures":[]}""", result.BodyText);
        var deadLetter = Assert.Single(await deployment.ReceiveAllAsync(_deadLetters));
        Assert.Equal(sqsEvent.Body(1), deadLetter.Body);
        Assert.Equal(DeadLetterAttributes.Permanent, Attribute(deadLetter, DeadLetterAttributes.FailureClass));
        Assert.Equal(sqsEvent.MessageId(1), Attribute(deadLetter, DeadLetterAttributes.OriginalMessageId));
        Assert.Equal(deployment.Queues.Inbound, Attribute(deadLetter, DeadLetterAttributes.SourceQueue));
        var envelope = Assert.Single(await deployment.EnvelopesAsync(_app1));
        Assert.Equal(RawMails.InvoiceSesId, (string?)envelope["sesMessageId"]);
    }

    [Fact]
    public async Task A_permanent_failure_that_cannot_be_dead_lettered_is_the_only_batch_item_failure()
    {
        await deployment.DrainAsync(_app1);
        var sqsEvent = SqsEvents.Load("sqs-one-malformed.json").FromQueue(deployment.Queues.Inbound);
        var deadLetterUrl = (await deployment.Sqs.GetQueueUrlAsync(_deadLetters)).QueueUrl;
        await deployment.Sqs.DeleteQueueAsync(deadLetterUrl);
        try
        {
            var result = await deployment.InvokeAsync(sqsEvent);

            Assert.Equal([sqsEvent.MessageId(1)], WorkerDeployment.BatchItemFailures(result));
            var envelope = Assert.Single(await deployment.EnvelopesAsync(_app1));
            Assert.Equal(RawMails.InvoiceSesId, (string?)envelope["sesMessageId"]);
        }
        finally
        {
            await deployment.CreateDeadLetterQueueAsync(deployment.Queues.Inbound);
        }
    }

    private static string? Attribute(Message message, string name) =>
        message.MessageAttributes?.TryGetValue(name, out var value) == true ? value.StringValue : null;
}
