using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using static Mailflow.Local.Tests.Queues.Support.QueueEngineTestExtensions;

namespace Mailflow.Local.Tests.Queues;

/// <summary>Refusals carry SQS's error names and a message that says what to do.</summary>
public class ErrorTests
{
    public static TheoryData<string, Func<IQueueEngine, Task>> OperationsOnAMissingQueue => new()
    {
        { "send", e => e.SendTextAsync("missing", "a") },
        { "send batch", e => e.SendBatchAsync("missing", [new SendRequest("a")], CancellationToken.None) },
        { "receive", e => e.ReceiveAsync("missing") },
        { "delete", e => e.DeleteAsync("missing", "handle", CancellationToken.None) },
        { "change visibility", e => e.ChangeVisibilityAsync("missing", "handle", TimeSpan.Zero, CancellationToken.None) },
        { "purge", e => e.PurgeAsync("missing", CancellationToken.None) },
        { "stats", e => e.GetStatsAsync("missing", CancellationToken.None) },
        { "peek", e => e.PeekAsync("missing", 1, CancellationToken.None) },
        { "dead-letter sources", e => e.ListDeadLetterSourceQueuesAsync("missing", CancellationToken.None) },
    };

    [Theory]
    [MemberData(nameof(OperationsOnAMissingQueue))]
    public async Task Every_operation_on_an_unknown_queue_is_QueueDoesNotExist(string operation, Func<IQueueEngine, Task> call)
    {
        await using var context = QueueTestContext.OnFakeTime();

        var error = await RefusedAsync(() => call(context.Engine), QueueEngineException.QueueDoesNotExist);
        Assert.Contains("'missing' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("create the queue", error.Message, StringComparison.Ordinal);
        Assert.NotNull(operation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task Receive_of_fewer_than_1_or_more_than_10_messages_is_InvalidParameterValue(int max)
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        var error = await RefusedAsync(() => context.Engine.ReceiveAsync("jobs", max), QueueEngineException.InvalidParameterValue);
        Assert.Contains("between 1 and 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_with_a_wait_over_20_s_or_visibility_over_12_h_is_InvalidParameterValue()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        await RefusedAsync(() => context.Engine.ReceiveAsync("jobs", wait: TimeSpan.FromSeconds(21)), QueueEngineException.InvalidParameterValue);
        await RefusedAsync(() => context.Engine.ReceiveAsync("jobs", visibility: TimeSpan.FromHours(13)), QueueEngineException.InvalidParameterValue);
    }

    [Fact]
    public async Task A_batch_of_11_messages_is_TooManyEntriesInBatchRequest_and_sends_nothing()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        await RefusedAsync(
            () => context.Engine.SendBatchAsync("jobs", [.. Enumerable.Range(0, 11).Select(i => new SendRequest($"m{i}"))], CancellationToken.None),
            QueueEngineException.TooManyEntriesInBatchRequest);
        await RefusedAsync(() => context.Engine.SendBatchAsync("jobs", [], CancellationToken.None), QueueEngineException.EmptyBatchRequest);

        Assert.Empty(await context.Engine.PeekAsync("jobs"));
    }

    [Fact]
    public async Task A_batch_larger_in_total_than_the_maximum_message_size_is_BatchRequestTooLong()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { MaximumMessageSize = 1_024 });
        var half = new string('x', 600);

        await RefusedAsync(
            () => context.Engine.SendBatchAsync("jobs", [new SendRequest(half), new SendRequest(half)], CancellationToken.None),
            QueueEngineException.BatchRequestTooLong);
    }

    [Fact]
    public async Task A_body_over_the_maximum_message_size_is_InvalidParameterValue_counting_UTF8_bytes_and_attributes()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs", q => q with { MaximumMessageSize = 1_024 });

        await context.Engine.SendTextAsync("jobs", new string('x', 1_024));
        var error = await RefusedAsync(() => context.Engine.SendTextAsync("jobs", new string('é', 513)), QueueEngineException.MessageTooLong);
        Assert.Contains("1026 bytes", error.Message, StringComparison.Ordinal);
        var attributes = new Dictionary<string, MessageAttribute> { ["ab"] = MessageAttribute.OfString("c") };
        await RefusedAsync(
            () => context.Engine.SendAsync("jobs", new SendRequest(new string('x', 1_016), attributes), CancellationToken.None),
            QueueEngineException.InvalidParameterValue);
        await context.Engine.SendAsync("jobs", new SendRequest(new string('x', 1_015), attributes), CancellationToken.None);
    }

    [Fact]
    public async Task The_default_maximum_is_256_KiB()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        await context.Engine.SendTextAsync("jobs", new string('x', 262_144));
        await RefusedAsync(() => context.Engine.SendTextAsync("jobs", new string('x', 262_145)), QueueEngineException.InvalidParameterValue);
    }

    [Theory]
    [InlineData("bad \u0001 control")]
    [InlineData("not a character \uffff")]
    public async Task A_body_with_characters_SQS_refuses_is_InvalidMessageContents(string body)
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        await RefusedAsync(() => context.Engine.SendTextAsync("jobs", body), QueueEngineException.InvalidMessageContents);
    }

    [Fact]
    public async Task A_body_with_a_lone_surrogate_is_InvalidMessageContents()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        // Not theory data: xunit's serialisation would turn the lone surrogate into U+FFFD.
        await RefusedAsync(() => context.Engine.SendTextAsync("jobs", "lone " + '\ud800' + " surrogate"), QueueEngineException.InvalidMessageContents);
    }

    [Fact]
    public async Task An_empty_body_or_a_delay_over_900_s_is_InvalidParameterValue()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        await RefusedAsync(() => context.Engine.SendTextAsync("jobs", ""), QueueEngineException.InvalidParameterValue);
        await RefusedAsync(() => context.Engine.SendTextAsync("jobs", "a", TimeSpan.FromSeconds(901)), QueueEngineException.InvalidParameterValue);
    }

    public static TheoryData<string, MessageAttribute> InvalidAttributes => new()
    {
        { "AWS.reserved", MessageAttribute.OfString("v") },
        { "amazon.reserved", MessageAttribute.OfString("v") },
        { ".leading", MessageAttribute.OfString("v") },
        { "trailing.", MessageAttribute.OfString("v") },
        { "double..dot", MessageAttribute.OfString("v") },
        { "sp ace", MessageAttribute.OfString("v") },
        { "type", new MessageAttribute("Text", "v") },
        { "label", new MessageAttribute("String.", "v") },
        { "empty", MessageAttribute.OfString("") },
        { "number", new MessageAttribute("Number", "12abc") },
        { "binary", new MessageAttribute("Binary", "text instead of bytes") },
        { "both", new MessageAttribute("String", "v", [1]) },
    };

    [Theory]
    [MemberData(nameof(InvalidAttributes))]
    public async Task An_attribute_SQS_would_refuse_is_InvalidParameterValue(string name, MessageAttribute attribute)
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");

        await RefusedAsync(
            () => context.Engine.SendAsync("jobs", new SendRequest("a", new Dictionary<string, MessageAttribute> { [name] = attribute }), CancellationToken.None),
            QueueEngineException.InvalidParameterValue);
    }

    [Fact]
    public async Task Eleven_attributes_are_InvalidParameterValue()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        var attributes = Enumerable.Range(0, 11).ToDictionary(i => $"a{i}", _ => MessageAttribute.OfString("v"));

        await RefusedAsync(() => context.Engine.SendAsync("jobs", new SendRequest("a", attributes), CancellationToken.None), QueueEngineException.InvalidParameterValue);
    }

    [Fact]
    public async Task A_refused_operation_in_a_group_commit_does_not_undo_its_neighbours()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("jobs");
        await context.Engine.SendTextAsync("jobs", "a");
        var received = await context.Engine.ReceiveOneAsync("jobs");
        await context.Engine.DeleteAsync("jobs", received.ReceiptHandle, CancellationToken.None);

        var operations = Enumerable.Range(0, 20)
            .Select(i => i % 2 == 0
                ? context.Engine.SendTextAsync("jobs", $"m{i}")
                : context.Engine.ChangeVisibilityAsync("jobs", received.ReceiptHandle, TimeSpan.Zero, CancellationToken.None))
            .ToList();
        await Task.WhenAll(operations.Select(async o => { try { await o; } catch (QueueEngineException) { } }));

        Assert.Equal(10, operations.Count(o => o.IsCompletedSuccessfully));
        Assert.Equal(10, (await context.Engine.StatsAsync("jobs")).Visible);
    }
}
