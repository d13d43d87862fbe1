using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Aws.Queues;
using Mailflow.Core.Ports;
using Mailflow.Testing.Emulators;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Aws.Tests.Queues;

/// <summary>
/// How sends are coalesced into SendMessageBatch calls, on fauxqs, with the batch window on a fake clock so that what
/// goes into each call is deterministic; the calls themselves are counted as the SDK issues them.
/// </summary>
public sealed class SqsQueueClientBatchingTests(FauxqsServer fauxqs) : IClassFixture<FauxqsServer>, IDisposable
{
    private readonly AmazonSQSClient _sqs = fauxqs.Environment.CreateSqs();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _sqs.Dispose();

    private static QueueMessage Message(string body, string? id = null) =>
        new(body, new Dictionary<string, string> { ["mailflow-envelope-id"] = id ?? body });

    private static int PayloadOf(SendMessageBatchRequest request) => request.Entries.Sum(entry =>
        Encoding.UTF8.GetByteCount(entry.MessageBody) + (entry.MessageAttributes ?? []).Sum(pair =>
            Encoding.UTF8.GetByteCount(pair.Key) + Encoding.UTF8.GetByteCount(pair.Value.DataType) + Encoding.UTF8.GetByteCount(pair.Value.StringValue)));

    private async Task<(SqsQueueClient Client, SqsRequestLog Log, string Queue, string Url)> QueueAsync(string purpose)
    {
        var queue = $"{purpose}-{Guid.NewGuid():N}";
        var url = await fauxqs.CreateQueueAsync(queue);
        var client = new SqsQueueClient(_sqs, _time);
        await client.QueueUrlAsync(queue, CancellationToken.None);
        return (client, new SqsRequestLog(_sqs), queue, url);
    }

    [Fact]
    public async Task Twenty_five_sends_go_out_as_batches_of_ten_ten_and_five_the_last_when_the_window_closes()
    {
        var (client, log, queue, url) = await QueueAsync("batches");

        var sends = Enumerable.Range(0, 25).Select(i => client.SendAsync(queue, Message($"m{i}"), CancellationToken.None)).ToList();
        await Task.WhenAll(sends.Take(20));
        await Task.Delay(200);

        Assert.All(sends.Skip(20), send => Assert.False(send.IsCompleted));
        Assert.Equal([10, 10], log.Of<SendMessageBatchRequest>().Select(r => r.Entries.Count));

        _time.Advance(SqsQueueClient.BatchWindow);
        await Task.WhenAll(sends);

        Assert.Equal([10, 10, 5], log.Of<SendMessageBatchRequest>().Select(r => r.Entries.Count));
        var received = await SqsDrain.AllAsync(_sqs, url, 25);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"m{i}").Order(StringComparer.Ordinal), received.Select(m => m.Body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_partial_batch_is_sent_only_when_its_window_closes()
    {
        var (client, log, queue, url) = await QueueAsync("window");

        var sends = new[] { "a", "b", "c" }.Select(body => client.SendAsync(queue, Message(body), CancellationToken.None)).ToList();
        await Task.Delay(200);
        _time.Advance(SqsQueueClient.BatchWindow - TimeSpan.FromTicks(1));
        await Task.Delay(100);

        Assert.Empty(log.Of<SendMessageBatchRequest>());
        Assert.All(sends, send => Assert.False(send.IsCompleted));

        _time.Advance(TimeSpan.FromTicks(1));
        await Task.WhenAll(sends);

        Assert.Equal(3, Assert.Single(log.Of<SendMessageBatchRequest>()).Entries.Count);
        Assert.Equal(3, (await SqsDrain.AllAsync(_sqs, url, 3)).Count);
    }

    [Fact]
    public async Task No_batch_carries_more_than_256_KiB_counting_attributes()
    {
        var (client, log, queue, url) = await QueueAsync("payload");
        var body = new string('x', 100 * 1024);

        var sends = Enumerable.Range(0, 10).Select(i => client.SendAsync(queue, Message(body, $"id-{i}"), CancellationToken.None)).ToList();
        _time.Advance(SqsQueueClient.BatchWindow);
        await Task.WhenAll(sends);

        var batches = log.Of<SendMessageBatchRequest>();
        Assert.Equal(Enumerable.Repeat(2, 5), batches.Select(r => r.Entries.Count));
        Assert.All(batches, batch => Assert.InRange(PayloadOf(batch), 200 * 1024, SqsQueueClient.MaxPayloadBytes));
        Assert.Equal(10, (await SqsDrain.AllAsync(_sqs, url, 10)).Count);
    }

    [Fact]
    public async Task A_message_SQS_refuses_fails_only_its_own_caller_and_as_permanent()
    {
        var (client, log, queue, url) = await QueueAsync("refused");

        var first = client.SendAsync(queue, Message("ok-1"), CancellationToken.None);
        var invalid = client.SendAsync(queue, Message("control \u0001 character"), CancellationToken.None);
        var last = client.SendAsync(queue, Message("ok-2"), CancellationToken.None);
        _time.Advance(SqsQueueClient.BatchWindow);

        await Task.WhenAll(first, last);
        var error = await Assert.ThrowsAsync<PermanentFailureException>(() => invalid);
        Assert.Contains("InvalidMessageContents", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(log.Of<SendMessageBatchRequest>()).Entries.Count);
        Assert.Equal(["ok-1", "ok-2"], (await SqsDrain.AllAsync(_sqs, url, 2)).Select(m => m.Body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sends_to_different_queues_are_batched_separately()
    {
        var (client, log, first, firstUrl) = await QueueAsync("separate-a");
        var second = $"separate-b-{Guid.NewGuid():N}";
        var secondUrl = await fauxqs.CreateQueueAsync(second);
        await client.QueueUrlAsync(second, CancellationToken.None);

        var sends = new[] { client.SendAsync(first, Message("a1"), default), client.SendAsync(second, Message("b1"), default), client.SendAsync(first, Message("a2"), default) };
        _time.Advance(SqsQueueClient.BatchWindow);
        await Task.WhenAll(sends);

        Assert.Equal([(firstUrl, 2), (secondUrl, 1)], log.Of<SendMessageBatchRequest>().Select(r => (r.QueueUrl, r.Entries.Count)).OrderByDescending(r => r.Count));
        Assert.Equal(["a1", "a2"], (await SqsDrain.AllAsync(_sqs, firstUrl, 2)).Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.Equal("b1", Assert.Single(await SqsDrain.AllAsync(_sqs, secondUrl, 1)).Body);
    }
}
