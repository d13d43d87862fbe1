using System.Globalization;
using System.Net;
using Amazon.SQS;
using Amazon.SQS.Internal;
using Amazon.SQS.Model;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>
/// One SQS scenario suite, run against Mailflow's endpoint and against fauxqs with AWSSDK.SQS: the same calls, the same
/// expected observations, except where <see cref="SqsQuirks"/> records that the target differs from SQS. Each test
/// uses its own queues. Timing is real (1 s visibility timeouts), because fauxqs runs on the wall clock.
/// </summary>
public abstract class SqsScenarios<TTarget>(TTarget target) : IClassFixture<TTarget>
    where TTarget : SqsScenarioTarget
{
    private static readonly TimeSpan s_short = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_pastShort = TimeSpan.FromMilliseconds(1600);

    private AmazonSQSClient Sqs => target.Client;

    private SqsQuirks Quirks => target.Quirks;

    [Fact]
    public async Task Queues_are_listed_by_name_prefix_and_found_by_name()
    {
        var prefix = Unique("list");
        var first = await target.CreateQueueAsync($"{prefix}-a", s_long);
        var second = await target.CreateQueueAsync($"{prefix}-b", s_long);
        await target.CreateQueueAsync(Unique("other"), s_long);

        var listed = await Sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix });
        var found = await Sqs.GetQueueUrlAsync($"{prefix}-b");

        Assert.Equal([first, second], listed.QueueUrls.Order(StringComparer.Ordinal));
        Assert.Equal(second, found.QueueUrl);
    }

    [Fact]
    public async Task Message_attributes_come_back_as_sent_when_named_with_digests_the_SDK_verifies()
    {
        var url = await target.CreateQueueAsync(Unique("attributes"), s_long);
        var body = "Grüße, 件名 <invoice id=\"42\"/>\r\n\t";
        var attributes = new Dictionary<string, MessageAttributeValue>
        {
            ["kind"] = new() { DataType = "String", StringValue = "invoice" },
            ["attempt"] = new() { DataType = "Number", StringValue = "3" },
            ["signature"] = new() { DataType = "Binary", BinaryValue = new MemoryStream([0, 1, 2, 254, 255]) },
            ["trace.id"] = new() { DataType = "String", StringValue = "abc-123" },
            ["trace.span"] = new() { DataType = "String.span", StringValue = "7" },
        };

        var sent = await Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = body, MessageAttributes = attributes });
        var all = Single(await ReceiveAsync(url, messageAttributeNames: ["All"], systemAttributeNames: ["All"]));

        Assert.Equal(ValidationResponseHandler.CalculateMD5(body), sent.MD5OfMessageBody);
        Assert.Equal(ValidationResponseHandler.CalculateMD5(attributes), sent.MD5OfMessageAttributes);
        Assert.Equal(sent.MessageId, all.MessageId);
        Assert.Equal(body, all.Body);
        Assert.Equal(Describe(attributes), Describe(all.MessageAttributes));
        Assert.Equal("1", all.Attributes["ApproximateReceiveCount"]);
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(all.Attributes["SentTimestamp"], CultureInfo.InvariantCulture)),
            TimeProvider.System.GetUtcNow().AddMinutes(-1), TimeProvider.System.GetUtcNow().AddMinutes(1));
        Assert.False(string.IsNullOrEmpty(all.Attributes["SenderId"]));

        if (Quirks.DigestsUnreturnedMessageAttributes)
        {
            var mismatch = await Assert.ThrowsAsync<AmazonSQSException>(() => ReceiveAsync(url, messageAttributeNames: ["kind", "trace.*"]));
            Assert.Contains("MD5", mismatch.Message, StringComparison.Ordinal);
        }
        else
        {
            var some = Single(await ReceiveAsync(url, messageAttributeNames: ["kind", "trace.*"]));
            Assert.Equal(["kind", "trace.id", "trace.span"], some.MessageAttributes.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(ValidationResponseHandler.CalculateMD5(some.MessageAttributes), some.MD5OfMessageAttributes);
        }

        var unasked = Single(await ReceiveAsync(url));
        if (Quirks.ReturnsMessageAttributesUnasked)
        {
            Assert.Equal(5, unasked.MessageAttributes.Count);
        }
        else
        {
            Assert.Null(unasked.MessageAttributes);
            Assert.Null(unasked.MD5OfMessageAttributes);
            Assert.Null(unasked.Attributes);
        }
    }

    [Fact]
    public async Task Characters_beyond_the_basic_multilingual_plane_are_valid_in_bodies_and_attributes()
    {
        var url = await target.CreateQueueAsync(Unique("emoji"), s_long);
        var body = "New mail 📨 from 𝒜𝓃𝓃";
        var request = new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = body,
            MessageAttributes = new() { ["mood"] = new() { DataType = "String", StringValue = "🙂" } },
        };

        if (Quirks.RejectsCharactersBeyondTheBasicPlane)
        {
            await Assert.ThrowsAsync<InvalidMessageContentsException>(() => Sqs.SendMessageAsync(request));
            return;
        }
        await Sqs.SendMessageAsync(request);
        var received = Single(await ReceiveAsync(url, messageAttributeNames: ["All"]));

        Assert.Equal(body, received.Body);
        Assert.Equal("🙂", received.MessageAttributes["mood"].StringValue);
    }

    [Fact]
    public async Task A_message_not_deleted_reappears_after_its_visibility_timeout_as_a_second_receive()
    {
        var url = await target.CreateQueueAsync(Unique("visibility"), s_short);
        var sent = await Sqs.SendMessageAsync(url, "once");

        var first = Single(await ReceiveAsync(url, visibility: null, systemAttributeNames: ["ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"]));
        var whileHidden = await ReceiveAsync(url, visibility: null, wait: 0);
        await Task.Delay(s_pastShort);
        var second = Single(await ReceiveAsync(url, visibility: null, wait: 2, systemAttributeNames: ["All"]));
        await Sqs.DeleteMessageAsync(url, second.ReceiptHandle);
        await Task.Delay(s_pastShort);
        var afterDelete = await ReceiveAsync(url, visibility: null, wait: 0);

        Assert.Equal(sent.MessageId, first.MessageId);
        Assert.Equal("1", first.Attributes["ApproximateReceiveCount"]);
        Assert.Null(whileHidden.Messages);
        Assert.Equal(sent.MessageId, second.MessageId);
        Assert.Equal("2", second.Attributes["ApproximateReceiveCount"]);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        Assert.Equal(first.Attributes["ApproximateFirstReceiveTimestamp"], second.Attributes["ApproximateFirstReceiveTimestamp"]);
        Assert.Null(afterDelete.Messages);
        Assert.Equal(("0", "0"), await CountsAsync(url));
    }

    [Fact]
    public async Task Changing_visibility_releases_a_message_at_once_or_hides_it_for_the_new_timeout()
    {
        var url = await target.CreateQueueAsync(Unique("change"), s_long);
        var sent = await Sqs.SendMessageAsync(url, "patience");

        var first = Single(await ReceiveAsync(url, visibility: null));
        await Sqs.ChangeMessageVisibilityAsync(url, first.ReceiptHandle, 0);
        var released = Single(await ReceiveAsync(url, visibility: null, systemAttributeNames: ["ApproximateReceiveCount"]));
        await Sqs.ChangeMessageVisibilityAsync(url, released.ReceiptHandle, 1);
        var whileHidden = await ReceiveAsync(url, visibility: null, wait: 0);
        await Task.Delay(s_pastShort);
        var again = Single(await ReceiveAsync(url, visibility: null, wait: 2, systemAttributeNames: ["ApproximateReceiveCount"]));

        Assert.Equal(sent.MessageId, released.MessageId);
        Assert.Equal("2", released.Attributes["ApproximateReceiveCount"]);
        Assert.Null(whileHidden.Messages);
        Assert.Equal(sent.MessageId, again.MessageId);
        Assert.Equal("3", again.Attributes["ApproximateReceiveCount"]);
    }

    [Fact]
    public async Task A_batch_fails_its_bad_entries_and_completes_the_others()
    {
        var url = await target.CreateQueueAsync(Unique("batch"), s_long);

        var sent = await Sqs.SendMessageBatchAsync(url,
        [
            new SendMessageBatchRequestEntry("ok-1", "first"),
            new SendMessageBatchRequestEntry("bad", "a bell \u0007 is not allowed"),
            new SendMessageBatchRequestEntry("ok-2", "second"),
        ]);
        var received = await ReceiveAllAsync(url, 2);
        var changed = await Sqs.ChangeMessageVisibilityBatchAsync(url,
        [
            new ChangeMessageVisibilityBatchRequestEntry("real", received[0].ReceiptHandle) { VisibilityTimeout = 60 },
            new ChangeMessageVisibilityBatchRequestEntry("bogus", "not-a-receipt-handle") { VisibilityTimeout = 60 },
        ]);
        var deleted = await Sqs.DeleteMessageBatchAsync(url, received.Select((message, i) => new DeleteMessageBatchRequestEntry($"d{i}", message.ReceiptHandle)).ToList());

        Assert.Equal(["ok-1", "ok-2"], sent.Successful.Select(entry => entry.Id).Order(StringComparer.Ordinal));
        var failedSend = Assert.Single(sent.Failed);
        Assert.Equal(("bad", "InvalidMessageContents", true), (failedSend.Id, failedSend.Code, failedSend.SenderFault));
        Assert.Equal(["first", "second"], received.Select(message => message.Body).Order(StringComparer.Ordinal));
        Assert.Equal("real", Assert.Single(changed.Successful).Id);
        var failedChange = Assert.Single(changed.Failed);
        Assert.Equal(("bogus", "ReceiptHandleIsInvalid", true), (failedChange.Id, failedChange.Code, failedChange.SenderFault));
        Assert.Equal(2, deleted.Successful.Count);
        Assert.Equal(Quirks.SendsEmptyFailedLists ? [] : null, deleted.Failed);
        Assert.Equal(("0", "0"), await CountsAsync(url));
    }

    [Fact]
    public async Task A_message_received_maxReceiveCount_times_is_dead_lettered_and_a_move_task_returns_it()
    {
        var deadLetterName = Unique("dlq");
        var sourceName = Unique("source");
        var deadLetterUrl = await target.CreateQueueAsync(deadLetterName, s_long);
        var sourceUrl = await target.CreateQueueAsync(sourceName, s_long, deadLetterName, maxReceiveCount: 2);
        var deadLetterArn = await target.ArnOfAsync(deadLetterName);
        var sourceArn = await target.ArnOfAsync(sourceName);
        var sent = await Sqs.SendMessageAsync(sourceUrl, "poison");

        var counts = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            counts.Add(Single(await ReceiveAsync(sourceUrl, systemAttributeNames: ["ApproximateReceiveCount"])).Attributes["ApproximateReceiveCount"]);
        }
        var third = await ReceiveAsync(sourceUrl);
        var deadLetter = Single(await ReceiveAsync(deadLetterUrl, systemAttributeNames: ["All"]));

        Assert.Equal(["1", "2"], counts);
        Assert.Null(third.Messages);
        Assert.Equal("poison", deadLetter.Body);
        Assert.Equal(Quirks.LacksDeadLetterQueueSourceArn ? null : sourceArn, deadLetter.Attributes.GetValueOrDefault("DeadLetterQueueSourceArn"));

        if (Quirks.LacksDeadLetterRedriveActions)
        {
            var unsupported = await Assert.ThrowsAsync<AmazonSQSException>(() => Sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetterArn }));
            Assert.Equal("InvalidAction", unsupported.ErrorCode);
            return;
        }

        var sources = await Sqs.ListDeadLetterSourceQueuesAsync(new ListDeadLetterSourceQueuesRequest { QueueUrl = deadLetterUrl });
        var task = await Sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetterArn });
        var finished = await MoveTaskFinishedAsync(deadLetterArn);
        var returned = Single(await ReceiveAsync(sourceUrl, wait: 2, systemAttributeNames: ["ApproximateReceiveCount"]));

        Assert.Equal([sourceUrl], sources.QueueUrls);
        Assert.False(string.IsNullOrEmpty(task.TaskHandle));
        Assert.Equal(("COMPLETED", 1L, sourceArn, deadLetterArn), (finished.Status, finished.ApproximateNumberOfMessagesMoved, sourceArn, finished.SourceArn));
        Assert.Equal("poison", returned.Body);
        // Redriven messages are new messages (SQS Developer Guide), so the count starts again rather than sending the
        // message straight back to the dead-letter queue.
        Assert.Equal("1", returned.Attributes["ApproximateReceiveCount"]);
        Assert.Equal(Quirks.KeepsMessageIdWhenRedriven, sent.MessageId == returned.MessageId);
    }

    [Fact]
    public async Task Purging_a_queue_deletes_its_messages()
    {
        var url = await target.CreateQueueAsync(Unique("purge"), s_long);
        await Sqs.SendMessageBatchAsync(url, [new("a", "one"), new("b", "two"), new("c", "three")]);
        Single(await ReceiveAsync(url, visibility: null));

        await Sqs.PurgeQueueAsync(url);

        Assert.Equal(("0", "0"), await CountsAsync(url));
        Assert.Null((await ReceiveAsync(url, wait: 0)).Messages);
    }

    [Fact]
    public async Task An_unknown_queue_is_QueueDoesNotExist_by_name_and_by_url()
    {
        var known = await target.CreateQueueAsync(Unique("known"), s_long);
        var missing = Unique("missing");

        var byName = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => Sqs.GetQueueUrlAsync(missing));
        var byUrl = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => Sqs.SendMessageAsync(known[..known.LastIndexOf('/')] + "/" + missing, "lost"));

        Assert.Equal(("AWS.SimpleQueueService.NonExistentQueue", HttpStatusCode.BadRequest), (byName.ErrorCode, byName.StatusCode));
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", byUrl.ErrorCode);
    }

    [Fact]
    public async Task A_receipt_handle_that_was_never_issued_is_refused()
    {
        var url = await target.CreateQueueAsync(Unique("handles"), s_long);
        await Sqs.SendMessageAsync(url, "keep me");

        var change = await Record.ExceptionAsync(() => Sqs.ChangeMessageVisibilityAsync(url, "not-a-receipt-handle", 10));
        var delete = await Record.ExceptionAsync(() => Sqs.DeleteMessageAsync(url, "not-a-receipt-handle"));

        Assert.IsType(Quirks.InvalidReceiptHandleOnChangeVisibility, change);
        if (Quirks.DeletesWithAnInvalidReceiptHandle)
        {
            Assert.Null(delete);
        }
        else
        {
            var invalid = Assert.IsType<ReceiptHandleIsInvalidException>(delete);
            Assert.Equal(("ReceiptHandleIsInvalid", HttpStatusCode.NotFound), (invalid.ErrorCode, invalid.StatusCode));
        }
        Assert.Equal(("1", "0"), await CountsAsync(url));
    }

    private static string Unique(string role) => $"{role}-{Guid.NewGuid():N}";

    private static Message Single(ReceiveMessageResponse response) => Assert.Single(response.Messages ?? []);

    /// <summary>A receive that leaves the message visible (VisibilityTimeout 0) unless a visibility is given; null uses the queue's.</summary>
    private Task<ReceiveMessageResponse> ReceiveAsync(
        string url, int? visibility = 0, int wait = 1, List<string>? messageAttributeNames = null, List<string>? systemAttributeNames = null) =>
        Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            VisibilityTimeout = visibility,
            WaitTimeSeconds = wait,
            MessageAttributeNames = messageAttributeNames,
            MessageSystemAttributeNames = systemAttributeNames,
        });

    private async Task<List<Message>> ReceiveAllAsync(string url, int count)
    {
        var messages = new List<Message>();
        for (var attempt = 0; attempt < 5 && messages.Count < count; attempt++)
        {
            var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            messages.AddRange(response.Messages ?? []);
        }
        return messages;
    }

    private async Task<(string Visible, string InFlight)> CountsAsync(string url)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return (attributes.Attributes["ApproximateNumberOfMessages"], attributes.Attributes["ApproximateNumberOfMessagesNotVisible"]);
    }

    private async Task<ListMessageMoveTasksResultEntry> MoveTaskFinishedAsync(string deadLetterArn)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (true)
        {
            var tasks = await Sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = deadLetterArn, MaxResults = 10 });
            var latest = Assert.Single(tasks.Results);
            if (latest.Status != "RUNNING" || TimeProvider.System.GetUtcNow() > deadline)
            {
                return latest;
            }
            await Task.Delay(100);
        }
    }

    private static List<string> Describe(Dictionary<string, MessageAttributeValue> attributes) =>
        attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}:{pair.Value.DataType}:{pair.Value.StringValue}:{(pair.Value.BinaryValue is { } binary ? Convert.ToHexString(binary.ToArray()) : "")}")
            .ToList();
}
