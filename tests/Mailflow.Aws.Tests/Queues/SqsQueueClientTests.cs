using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Aws.Queues;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Queues;

/// <summary>Queue URLs, size checks and visibility changes of <see cref="SqsQueueClient"/>, on fauxqs in real time.</summary>
public sealed class SqsQueueClientTests(FauxqsServer fauxqs) : IClassFixture<FauxqsServer>, IDisposable
{
    private readonly AmazonSQSClient _sqs = fauxqs.Environment.CreateSqs();

    public void Dispose() => _sqs.Dispose();

    private static string NewName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    private static QueueMessage Message(string body, IReadOnlyDictionary<string, string>? attributes = null) =>
        new(body, attributes ?? new Dictionary<string, string>());

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5_000, 0)]
    [InlineData(1, 1)]
    [InlineData(1_000, 1)]
    [InlineData(1_200, 2)]
    [InlineData(43_200_000, 43_200)]
    [InlineData(172_800_000, 43_200)]
    public void VisibilitySeconds_rounds_up_and_caps_at_twelve_hours(long milliseconds, int seconds)
    {
        Assert.Equal(seconds, SqsQueueClient.VisibilitySeconds(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public async Task A_queue_name_is_resolved_once_to_the_URL_SQS_gave_it()
    {
        var queue = NewName("url");
        var url = await fauxqs.CreateQueueAsync(queue);
        var log = new SqsRequestLog(_sqs);
        var client = new SqsQueueClient(_sqs, TimeProvider.System);

        Assert.Equal(url, await client.QueueUrlAsync(queue, CancellationToken.None));
        await client.SendAsync(queue, Message("one"), CancellationToken.None);
        await client.SendAsync(queue, Message("two"), CancellationToken.None);
        Assert.Equal(url, await client.QueueUrlAsync(queue, CancellationToken.None));

        Assert.Single(log.Of<GetQueueUrlRequest>());
        Assert.Equal(2, (await SqsDrain.AllAsync(_sqs, url, 2)).Count);
    }

    [Fact]
    public async Task A_missing_queue_is_QueueDoesNotExist_and_is_found_once_it_exists()
    {
        var queue = NewName("later");
        var client = new SqsQueueClient(_sqs, TimeProvider.System);

        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => client.SendAsync(queue, Message("early"), CancellationToken.None));
        var url = await fauxqs.CreateQueueAsync(queue);
        await client.SendAsync(queue, Message("on time"), CancellationToken.None);

        Assert.Equal("on time", Assert.Single(await SqsDrain.AllAsync(_sqs, url, 1)).Body);
    }

    [Fact]
    public async Task A_message_over_256_KiB_with_its_attributes_is_refused_as_permanent_without_a_request()
    {
        var queue = NewName("large");
        await fauxqs.CreateQueueAsync(queue);
        var log = new SqsRequestLog(_sqs);
        var client = new SqsQueueClient(_sqs, TimeProvider.System);
        var attributes = new Dictionary<string, string> { ["mailflow-app"] = "invoices" };
        var overBy1 = SqsQueueClient.MaxPayloadBytes - "mailflow-app".Length - "String".Length - "invoices".Length + 1;

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            client.SendAsync(queue, Message(new string('x', overBy1), attributes), CancellationToken.None));

        Assert.Equal(ReasonCodes.MessageTooLarge, error.ReasonCode);
        Assert.Empty(log.Of<SendMessageBatchRequest>());
        Assert.Empty(log.Of<GetQueueUrlRequest>());
    }

    [Fact]
    public async Task A_message_of_exactly_256_KiB_with_its_attributes_is_sent()
    {
        var queue = NewName("limit");
        var url = await fauxqs.CreateQueueAsync(queue);
        var client = new SqsQueueClient(_sqs, TimeProvider.System);
        var attributes = new Dictionary<string, string> { ["mailflow-app"] = "ünïcødé" };
        var remaining = SqsQueueClient.MaxPayloadBytes - "mailflow-app".Length - "String".Length - "ünïcødé"u8.Length;
        var body = new string('é', remaining / 2) + (remaining % 2 == 1 ? "x" : "");
        Assert.Equal(SqsQueueClient.MaxPayloadBytes, SqsMessageSize.Of(Message(body, attributes)));

        await client.SendAsync(queue, Message(body, attributes), CancellationToken.None);

        Assert.Equal(body, Assert.Single(await SqsDrain.AllAsync(_sqs, url, 1)).Body);
    }

    [Fact]
    public async Task Changing_visibility_hides_a_received_message_for_whole_seconds_rounded_up()
    {
        var queue = NewName("visibility");
        var url = await fauxqs.CreateQueueAsync(queue);
        var client = new SqsQueueClient(_sqs, TimeProvider.System);
        await client.SendAsync(queue, Message("rate limited"), CancellationToken.None);
        var received = Assert.Single((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 300, WaitTimeSeconds = 5 })).Messages);

        await client.ChangeVisibilityAsync(await client.QueueUrlAsync(queue, CancellationToken.None), received.ReceiptHandle, TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var hidden = Stopwatch.StartNew();
        var immediately = (await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url })).Messages;
        var again = await ReceiveWithinAsync(url, TimeSpan.FromSeconds(5));

        Assert.Empty(immediately ?? []);
        Assert.NotNull(again);
        Assert.InRange(hidden.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
        await client.ChangeVisibilityAsync(url, again.ReceiptHandle, TimeSpan.FromDays(3), CancellationToken.None);
    }

    private async Task<Message?> ReceiveWithinAsync(string url, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, VisibilityTimeout = 300 });
            if (response.Messages is [var message, ..])
            {
                return message;
            }
        }
        return null;
    }
}
