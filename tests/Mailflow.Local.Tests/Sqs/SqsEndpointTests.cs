using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Local.Queues;
using Mailflow.Local.Sqs;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>AWSSDK.SQS against Mailflow's endpoint: what the scenario suite cannot compare with fauxqs.</summary>
public sealed class SqsEndpointTests(MailflowTarget target) : IClassFixture<MailflowTarget>
{
    private AmazonSQSClient Sqs => target.Client;

    [Fact]
    public async Task Queue_attributes_report_the_settings_the_counts_the_ARN_and_the_redrive_policy()
    {
        var deadLetter = Unique("attrs-dlq");
        var name = Unique("attrs");
        await target.CreateQueueAsync(deadLetter, TimeSpan.FromSeconds(30));
        await target.Engine.EnsureQueueAsync(new QueueSettings(name)
        {
            VisibilityTimeout = TimeSpan.FromSeconds(45),
            MessageRetention = TimeSpan.FromDays(2),
            ReceiveWaitTime = TimeSpan.FromSeconds(1),
            MaximumMessageSize = 65_536,
            DeadLetterQueue = deadLetter,
            MaxReceiveCount = 4,
        }, CancellationToken.None);
        var url = target.Server.QueueUrl(name);
        await Sqs.SendMessageAsync(url, "in flight");
        await Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "delayed", DelaySeconds = 60 });
        await Sqs.ReceiveMessageAsync(url);
        await Sqs.SendMessageAsync(url, "visible");

        var all = (await Sqs.GetQueueAttributesAsync(url, ["All"])).Attributes;
        var redrive = JsonDocument.Parse(all["RedrivePolicy"]).RootElement;

        Assert.Equal($"arn:aws:sqs:us-east-1:000000000000:{name}", all["QueueArn"]);
        Assert.Equal(
            ("45", "172800", "0", "1", "65536", "false"),
            (all["VisibilityTimeout"], all["MessageRetentionPeriod"], all["DelaySeconds"], all["ReceiveMessageWaitTimeSeconds"], all["MaximumMessageSize"], all["SqsManagedSseEnabled"]));
        Assert.Equal(
            ("1", "1", "1"),
            (all["ApproximateNumberOfMessages"], all["ApproximateNumberOfMessagesNotVisible"], all["ApproximateNumberOfMessagesDelayed"]));
        Assert.Equal($"arn:aws:sqs:us-east-1:000000000000:{deadLetter}", redrive.GetProperty("deadLetterTargetArn").GetString());
        Assert.Equal(4, redrive.GetProperty("maxReceiveCount").GetInt32());
    }

    [Fact]
    public async Task No_attribute_names_return_no_attributes_and_an_unknown_name_is_InvalidAttributeName()
    {
        var url = await target.CreateQueueAsync(Unique("names"), TimeSpan.FromSeconds(30));

        var none = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url });
        var one = await Sqs.GetQueueAttributesAsync(url, ["VisibilityTimeout"]);
        var unknown = await Assert.ThrowsAsync<InvalidAttributeNameException>(() => Sqs.GetQueueAttributesAsync(url, ["Colour"]));

        Assert.Null(none.Attributes);
        Assert.Equal(["VisibilityTimeout"], one.Attributes.Keys);
        Assert.Contains("Colour", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListQueues_pages_with_MaxResults_and_NextToken_and_finds_nothing_as_null()
    {
        var prefix = Unique("page");
        var urls = new List<string>();
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            urls.Add(await target.CreateQueueAsync($"{prefix}-{suffix}", TimeSpan.FromSeconds(30)));
        }

        var first = await Sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix, MaxResults = 2 });
        var second = await Sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix, MaxResults = 2, NextToken = first.NextToken });
        var nothing = await Sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = Unique("none") });

        Assert.Equal(urls[..2], first.QueueUrls);
        Assert.NotNull(first.NextToken);
        Assert.Equal(urls[2..], second.QueueUrls);
        Assert.Null(second.NextToken);
        Assert.Null(nothing.QueueUrls);
    }

    [Fact]
    public async Task A_batch_with_bad_entry_ids_is_refused_whole()
    {
        var url = await target.CreateQueueAsync(Unique("ids"), TimeSpan.FromSeconds(30));
        var eleven = Enumerable.Range(0, 11).Select(i => new SendMessageBatchRequestEntry($"e{i}", "x")).ToList();

        await Assert.ThrowsAsync<TooManyEntriesInBatchRequestException>(() => Sqs.SendMessageBatchAsync(url, eleven));
        await Assert.ThrowsAsync<BatchEntryIdsNotDistinctException>(() => Sqs.SendMessageBatchAsync(url, [new("same", "x"), new("same", "y")]));
        await Assert.ThrowsAsync<InvalidBatchEntryIdException>(() => Sqs.DeleteMessageBatchAsync(url, [new("not valid!", "handle")]));
        await Assert.ThrowsAsync<EmptyBatchRequestException>(() => Sqs.ChangeMessageVisibilityBatchAsync(url, []));
        Assert.Equal("0", (await Sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"]);
    }

    [Fact]
    public async Task A_batch_entry_over_the_queue_size_limit_fails_alone()
    {
        var name = Unique("size");
        await target.Engine.EnsureQueueAsync(new QueueSettings(name) { MaximumMessageSize = 1024 }, CancellationToken.None);
        var url = target.Server.QueueUrl(name);

        var sent = await Sqs.SendMessageBatchAsync(url, [new("small", "fits"), new("large", new string('x', 1025))]);

        Assert.Equal("small", Assert.Single(sent.Successful).Id);
        var failed = Assert.Single(sent.Failed);
        Assert.Equal(("large", "InvalidParameterValue", true), (failed.Id, failed.Code, failed.SenderFault));
        Assert.Contains("1024", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_range_parameters_are_InvalidParameterValue_naming_the_range()
    {
        var url = await target.CreateQueueAsync(Unique("range"), TimeSpan.FromSeconds(30));

        var tooMany = await Assert.ThrowsAsync<AmazonSQSException>(() => Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 11 }));
        var tooLong = await Assert.ThrowsAsync<AmazonSQSException>(() => Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 21 }));
        var hidden = await Assert.ThrowsAsync<AmazonSQSException>(() => Sqs.ChangeMessageVisibilityAsync(url, "handle", 43_201));

        Assert.All([tooMany, tooLong, hidden], error => Assert.Equal(("InvalidParameterValue", HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode)));
        Assert.Contains("between 1 and 10", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 20", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 43200", hidden.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_poll_returns_as_soon_as_a_message_arrives()
    {
        var url = await target.CreateQueueAsync(Unique("poll"), TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();

        var polling = Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 10 });
        await Task.Delay(300);
        await Sqs.SendMessageAsync(url, "worth the wait");
        var received = await polling;

        Assert.Equal("worth the wait", Assert.Single(received.Messages).Body);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_delayed_message_is_received_only_after_its_delay()
    {
        var url = await target.CreateQueueAsync(Unique("delay"), TimeSpan.FromSeconds(30));

        await Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "later", DelaySeconds = 1 });
        var early = await Sqs.ReceiveMessageAsync(url);
        var late = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 3 });

        Assert.Null(early.Messages);
        Assert.Equal("later", Assert.Single(late.Messages).Body);
    }

    [Fact]
    public async Task A_move_task_can_send_dead_letters_to_another_queue()
    {
        var deadLetter = Unique("move-dlq");
        var source = Unique("move-source");
        var other = Unique("move-other");
        var deadLetterUrl = await target.CreateQueueAsync(deadLetter, TimeSpan.FromSeconds(30));
        var sourceUrl = await target.CreateQueueAsync(source, TimeSpan.FromSeconds(30), deadLetter, maxReceiveCount: 1);
        var otherUrl = await target.CreateQueueAsync(other, TimeSpan.FromSeconds(30));
        await Sqs.SendMessageAsync(sourceUrl, "elsewhere");
        await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = sourceUrl, VisibilityTimeout = 0 });
        await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = sourceUrl, WaitTimeSeconds = 1 });

        var tooFast = await Assert.ThrowsAsync<AmazonSQSException>(() => Sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest
        {
            SourceArn = target.Server.QueueArn(deadLetter),
            MaxNumberOfMessagesPerSecond = 501,
        }));
        await Sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest
        {
            SourceArn = target.Server.QueueArn(deadLetter),
            DestinationArn = target.Server.QueueArn(other),
            MaxNumberOfMessagesPerSecond = 100,
        });
        var moved = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = otherUrl, WaitTimeSeconds = 5 });
        var task = Assert.Single((await Sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = target.Server.QueueArn(deadLetter) })).Results);

        Assert.Equal("InvalidParameterValue", tooFast.ErrorCode);
        Assert.Equal("elsewhere", Assert.Single(moved.Messages).Body);
        Assert.Equal(target.Server.QueueArn(other), task.DestinationArn);
        Assert.Null((await Sqs.ReceiveMessageAsync(deadLetterUrl)).Messages);
    }

    [Fact]
    public async Task Stopping_the_server_ends_a_long_poll_at_once_with_a_retryable_503()
    {
        var url = await target.CreateQueueAsync(Unique("stop"), TimeSpan.FromSeconds(30));
        var server = new SqsServer(target.Engine, new SqsServerOptions());
        await server.StartAsync(CancellationToken.None);
        using var client = SqsClients.For(server.Url);
        var clock = Stopwatch.StartNew();

        var polling = client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = server.QueueUrl(url[(url.LastIndexOf('/') + 1)..]), WaitTimeSeconds = 20 });
        await Task.Delay(500);
        await server.DisposeAsync();
        var stopped = await Assert.ThrowsAsync<AmazonSQSException>(() => polling);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    private static string Unique(string role) => $"{role}-{Guid.NewGuid():N}";
}
